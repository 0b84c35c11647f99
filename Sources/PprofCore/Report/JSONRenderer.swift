public import PprofAnalysis

/// `--format json`: schema `pprof-leak/diff` or `pprof-leak/trend`, version 1, with the same
/// finding fields where they mean the same. The field names are a contract (documented in the
/// man page): add fields, never rename or remove them.
public enum JSONRenderer {
  public static let schemaVersion = 1

  /// `singleLine`: on one line, as a record of a JSON Lines stream (`watch`, piped).
  public static func render(_ report: LeakReport, failOn: Severity?, singleLine: Bool = false) throws -> String {
    switch report {
    case .diff(let report): try DiffJSONRenderer.render(report, failOn: failOn, singleLine: singleLine)
    case .trend(let report): try TrendJSONRenderer.render(report, failOn: failOn, singleLine: singleLine)
    }
  }
}
