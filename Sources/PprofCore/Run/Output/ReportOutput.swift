import Foundation
import PprofProfile
public import PprofAnalysis
import PprofReport

/// Where and how a `diff` or `trend` report is written: the chosen format to `--output` (and the
/// text report to standard output) or to standard output; the JSON to `--write-baseline`; the
/// growth as profiles to `--write-profile` and `--write-profile-dir`.
public struct ReportOutput: Sendable {
  public var format: ReportFormat = .text
  public var output: String?
  public var writeBaseline: String?
  public var writeProfile: String?
  public var writeProfileDir: String?
  /// ANSI colours in the text report.
  public var colour = false
  /// `diff --traces`: the changed stacks after the text report.
  public var showStacks = false
  /// Written in the CI formats.
  public var toolVersion: String

  public init(toolVersion: String) {
    self.toolVersion = toolVersion
  }

  /// Whether the report must keep every stack's values: for the page and growth profiles.
  public var keepsGrowth: Bool { format == .html || writeProfile != nil || writeProfileDir != nil }

  /// What a report comes to: the files to write and the text for standard output.
  public struct Emission: Sendable {
    public var files: [(bytes: [UInt8], path: String)]
    public var standardOutput: String
    /// A directory to create before the files are written (`--write-profile-dir`).
    public var directory: String?

    /// Writes the files, all or none (atomically), before anything is printed.
    public func writeFiles() throws(RunError) {
      var created = false
      if let directory {
        created = FileName.status(directory) == nil
        if let failure = FileName.makeDirectories(directory) {
          throw .write(
            "\(ProfileFile.displayName(directory)): cannot create the directory (--write-profile-dir): "
              + SystemError.message(failure))
        }
      }
      do {
        try AtomicFile.write(files)
      } catch {
        // A directory made for files that were not written goes too (it is empty: the files
        // are written beside their targets and renamed last).
        if created, let directory { _ = FileName.withCString(directory) { rmdir($0) } }
        throw .write(error.description)
      }
    }
  }

  /// The report in the chosen format, the files asked for, and the text for standard output.
  public func emission(_ report: LeakReport, settings: AnalysisSettings) throws(RunError) -> Emission {
    let failOn = settings.failingSeverity
    let text = { TextRenderer(colour: colour, failOn: failOn, showStacks: showStacks).render(report) }
    let json = { try JSONRenderer.render(report, failOn: failOn) }
    let rendered: String
    do {
      switch format {
      case .text: rendered = text()
      case .json: rendered = try json()
      case .html: rendered = try HTMLRenderer.render(report, failOn: failOn)
      case .sarif, .junit, .markdown, .github:
        let paths = try settings.pathMapper()
        let ci = CIReport(report, failOn: failOn, paths: paths, toolVersion: toolVersion)
        switch format {
        case .sarif: rendered = try SARIFRenderer.render(ci, repositoryRoot: paths.repositoryRoot)
        case .junit: rendered = JUnitRenderer.render(ci)
        case .markdown: rendered = MarkdownRenderer.render(ci)
        default: rendered = GitHubRenderer.render(ci)
        }
      }
    } catch let error as RunError {
      throw error
    } catch {
      throw .write("cannot encode the \(format.rawValue) report: \(error)")
    }
    var files: [(bytes: [UInt8], path: String)] = []
    if let output { files.append((Array(rendered.utf8), output)) }
    if let writeBaseline {
      do {
        files.append((Array((format == .json ? rendered : try json()).utf8), writeBaseline))
      } catch {
        throw .write("cannot encode the JSON report: \(error)")
      }
    }
    files += profileFiles(report.growths, findings: report.findings)
    return Emission(
      files: files, standardOutput: output != nil && format != .text ? text() : rendered,
      directory: writeProfileDir)
  }

  /// The growth profiles asked for: --write-profile (one per kind) and --write-profile-dir
  /// (one per finding), gzip-compressed.
  func profileFiles(_ growths: [Growth], findings: [Finding]) -> [(bytes: [UInt8], path: String)] {
    var files: [(bytes: [UInt8], path: String)] = []
    if let writeProfile {
      for growth in growths {
        var path = writeProfile
        if growths.count > 1 {
          let stem = path.hasSuffix(".pb.gz") ? String(path.dropLast(6)) : path
          path = stem + "." + growth.kind.name + ".pb.gz"
        }
        files.append((Profile(growth: growth).encodedGzip(), path))
      }
    }
    if let writeProfileDir {
      for (index, finding) in findings.enumerated() {
        guard let growth = growths.first(where: { $0.kind == finding.profileKind }) else { continue }
        let name = growth.function(of: finding)
          .map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "-" }
        let number = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
        let file = "\(number)-\(finding.pattern.rawValue)-\(String(name)).pb.gz"
        files.append((Profile(growth: growth.stacks(of: finding)).encodedGzip(), writeProfileDir + "/" + file))
      }
    }
    return files
  }
}
