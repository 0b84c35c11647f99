import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// When to colour the terminal report.
enum ColourChoice: String, CaseIterable, ExpressibleByArgument {
  case auto, always, never
}

struct DisplayOptions: ParsableArguments {
  @Option(
    name: .customLong("color"),
    help: "Colour the report: auto (only on a terminal, never with NO_COLOR), always or never.")
  var colour: ColourChoice = .auto

  var useColour: Bool {
    switch colour {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColour = getenv("NO_COLOR"), noColour.pointee != 0 { return false }
      if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
      return isatty(STDOUT_FILENO) != 0
    }
  }
}
