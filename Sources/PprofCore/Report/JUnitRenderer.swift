import PprofProfile
import PprofAnalysis

/// `--format junit`: JUnit XML for test-report views. One test case per pattern checked in
/// each profile kind, so a clean run shows what was checked; a case fails when it holds a
/// finding at or above `--fail-on` that is not in the baseline. Other findings of the case are
/// in its `system-out`.
public enum JUnitRenderer {
  public static func render(_ report: CIReport) -> String {
    var cases: [(kind: ProfileKind, pattern: LeakPattern)] = report.kindsChecked.flatMap { kind in
      CIReport.patterns(checkedIn: kind).map { (kind, $0) }
    }
    for item in report.items where !cases.contains(where: { $0 == (item.profileKind, item.pattern) }) {
      cases.append((item.profileKind, item.pattern))
    }
    let suite = "pprof-leak \(report.command)"
    var body: [String] = []
    var failures = 0
    for (kind, pattern) in cases {
      let items = report.items.filter { $0.profileKind == kind && $0.pattern == pattern }
      let failing = items.filter(report.fails)
      let open =
        "    <testcase classname=\"\(escape("pprof-leak.\(report.command).\(kind)"))\" "
        + "name=\"\(escape(pattern.rawValue))\" time=\"0\""
      if items.isEmpty {
        body.append(open + "/>")
        continue
      }
      body.append(open + ">")
      if !failing.isEmpty {
        failures += 1
        let message = failing.map { describe($0) }.joined(separator: "; ")
        let details = failing.map { detail($0) }.joined(separator: "\n\n")
        body.append(
          "      <failure type=\"\(failing.map(\.severity).max()?.rawValue ?? "leak")\" "
            + "message=\"\(escape(message))\">\(escape(details, attribute: false))</failure>")
      }
      let others = items.filter { !report.fails($0) }
      if !others.isEmpty {
        let text = others.map {
          ($0.inBaseline ? "[in the baseline] " : "[below --fail-on] ") + detail($0)
        }
        body.append(
          "      <system-out>\(escape(text.joined(separator: "\n\n"), attribute: false))</system-out>")
      }
      body.append("    </testcase>")
    }
    if cases.isEmpty {
      body.append(
        "    <testcase classname=\"pprof-leak.\(escape(report.command))\" name=\"leak check\" time=\"0\">"
          + "<skipped message=\"no goroutine or heap in-use profile to check\"/></testcase>")
    }
    let skipped = cases.isEmpty ? 1 : 0
    let count = max(cases.count, 1)
    var properties = [
      ("fail-on", report.failOn?.rawValue ?? "never"),
      ("suppressed", String(report.suppressed.count)),
      ("inputs", report.inputs.joined(separator: " ")),
    ]
    if let baseline = report.baselinePath { properties.append(("baseline", baseline)) }
    var lines = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<testsuites name=\"\(escape(suite))\" tests=\"\(count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">",
      "  <testsuite name=\"\(escape(suite))\" tests=\"\(count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\">",
      "    <properties>",
    ]
    lines += properties.map { "      <property name=\"\(escape($0.0))\" value=\"\(escape($0.1))\"/>" }
    lines.append("    </properties>")
    lines += body
    if !report.suppressed.isEmpty {
      let text = report.suppressed.map {
        "\($0.finding.pattern.rawValue) \($0.finding.subject) "
          + "\($0.finding.headline) suppressed by \($0.finding.rule)"
      }
      lines.append(
        "    <system-out>\(escape(text.joined(separator: "\n"), attribute: false))</system-out>")
    }
    lines += ["  </testsuite>", "</testsuites>"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// "LEAK main.sendResult (internal/x.go:31): +175 goroutines (25 → 200)".
  static func describe(_ item: CIReport.Item) -> String {
    let place = item.responsible.map { frame in
      "\(frame.function) (\(item.repositoryPath ?? frame.file):\(frame.line))"
    } ?? "(no user frame)"
    return "\(item.severity.rawValue.uppercased()) \(place): \(item.headline)"
  }

  static func detail(_ item: CIReport.Item) -> String {
    var lines = [describe(item), item.pattern.summary]
    if let creator = item.evidence?.createdBy {
      lines.append("created by \(creator.function) \(item.createdAt ?? TextStyle.location(creator))")
    }
    if let proof = item.proofText { lines.append("proof: \(proof)") }
    if let note = item.attributionNote { lines.append(note) }
    lines.append(TextStyle.stackHeading(waitReason: item.waitReason))
    lines += item.stack.prefix(12).map { "  \($0.function) \(TextStyle.location($0))" }
    lines.append("fix: \(item.advice)")
    return lines.joined(separator: "\n")
  }

  /// XML escaping (line ends kept in text, written as references in attributes, where a
  /// parser would fold them); characters XML 1.0 cannot hold are dropped.
  static func escape(_ text: String, attribute: Bool = true) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\n": result += attribute ? "&#10;" : "\n"
      case "\t", "\r": result.unicodeScalars.append(scalar)
      default:
        if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
