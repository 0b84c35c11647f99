import ArgumentParser
import Foundation
import Testing
@testable import pprof_leak

/// man/pprof-leak.1 must document every subcommand and option that --help shows.
@Suite("Manual page")
struct ManualTests {
  static let manual: String = {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("man/pprof-leak.1")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  }()

  static let commands: [(name: String, type: any ParsableCommand.Type)] =
    PprofLeak.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map {
      ($0.configuration.commandName ?? "\($0)".lowercased(), $0)
    }

  @Test("every subcommand has a section")
  func subcommands() {
    #expect(!Self.manual.isEmpty)
    for command in Self.commands {
      let documented = Self.manual.contains(".It Cm \(command.name)")
      #expect(documented, "\(command.name) is not in the man page")
    }
  }

  @Test("every long option of every subcommand is documented")
  func options() {
    for command in Self.commands {
      let help = PprofLeak.helpMessage(for: command.type)
      let options = Set(
        help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," || $0 == "[" || $0 == "]" })
          .filter { $0.hasPrefix("--") }
          .map { String($0.prefix { $0 != "=" && $0 != "<" }) })
      #expect(options.contains("--help"))
      for option in options {
        let documented = Self.manual.contains("Fl -\(option.dropFirst(2))")
        #expect(documented, "\(command.name) \(option) is not in the man page")
      }
    }
  }

  @Test("the exit statuses are documented")
  func exitStatuses() {
    let section = Self.manual.components(separatedBy: ".Sh EXIT STATUS").last ?? ""
    for status in ["0", "1", "2"] {
      #expect(section.contains(".It \(status)\n"))
    }
  }
}
