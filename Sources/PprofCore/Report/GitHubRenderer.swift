/// `--format github`: GitHub Actions workflow commands, so each finding is an annotation on
/// the pull request's diff (`::error file=…,line=…,title=…::…`): leaks are errors, suspects
/// warnings, info and findings in the baseline notices. A finding is put on its responsible
/// line, else on the first line of its stack in the repository, else on no file.
public enum GitHubRenderer {
  public static func render(_ report: CIReport) -> String {
    var lines: [String] = []
    for item in report.items {
      let command = item.inBaseline ? "notice" : item.severity == .info ? "notice" : item.severity.annotationLevel
      var properties: [String] = []
      if let place = item.place {
        properties.append("file=\(property(place.path))")
        if place.frame.line > 0 { properties.append("line=\(place.frame.line)") }
      }
      let baseline = item.inBaseline ? " (in the baseline)" : ""
      properties.append(
        "title=\(property("pprof-leak: \(item.severity.rawValue) \(item.pattern.rawValue)\(baseline)"))")
      lines.append(
        "::\(command) \(properties.joined(separator: ","))::\(data(SARIFRenderer.message(item)))")
    }
    var summary = "pprof-leak \(report.command): \(report.verdictTally)"
    summary += " (--fail-on \(report.failOn?.rawValue ?? "never"): exit \(report.failed ? 1 : 0))"
    lines.append(summary)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Escapes a command's message.
  static func data(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// Escapes a property value: also `:` and `,`.
  static func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
