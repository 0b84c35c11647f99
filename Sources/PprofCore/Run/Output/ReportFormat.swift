/// What `diff` and `trend` can write their findings as.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text, json, sarif, junit, markdown, github, html
}
