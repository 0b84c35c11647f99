import Foundation
import PprofProfile

/// The findings of an earlier `--format json` report (diff or trend), for `--baseline`: a
/// finding already there is shown but does not fail the run. Findings match by pattern,
/// function and file, not line, so small edits above a known leak do not break the match.
public struct Baseline: Sendable {
  public var path: String
  public var entries: [FindingIdentity]

  public init(entries: [FindingIdentity], path: String) {
    self.entries = entries
    self.path = path
  }

  /// Reads a report written by `--format json` or `--write-baseline`.
  public init(json bytes: [UInt8], path: String) throws(BaselineError) {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      throw BaselineError(path: path, reason: "not JSON (\(error.localizedDescription))")
    }
    guard let document = object as? [String: Any],
      let schema = document["schema"] as? String,
      schema == "pprof-leak/diff" || schema == "pprof-leak/trend"
    else {
      throw BaselineError(
        path: path,
        reason: "not a pprof-leak report: write one with --write-baseline or --format json")
    }
    guard let findings = document["findings"] as? [[String: Any]] else {
      throw BaselineError(path: path, reason: "the report has no findings array")
    }
    let entries = try findings.map { finding throws(BaselineError) -> FindingIdentity in
      guard let pattern = finding["pattern"] as? String else {
        throw BaselineError(path: path, reason: "a finding has no pattern")
      }
      return FindingIdentity(
        pattern: pattern, function: finding["function"] as? String, file: finding["file"] as? String)
    }
    self.init(entries: entries, path: path)
  }

  /// True when the baseline holds a finding of the same identity (see `FindingIdentity`).
  public func contains(_ finding: Finding) -> Bool {
    contains(finding.identity)
  }

  func contains(_ identity: FindingIdentity) -> Bool {
    entries.contains { $0.matches(identity) }
  }

  /// Marks the findings the baseline holds.
  public func mark(_ findings: inout [Finding]) {
    for index in findings.indices where contains(findings[index]) {
      findings[index].inBaseline = true
    }
  }

  /// Marks the suppressed findings the baseline holds.
  public func mark(_ suppressed: inout [SuppressedFinding]) {
    for index in suppressed.indices
    where contains(FindingIdentity(pattern: suppressed[index].pattern, responsible: suppressed[index].responsible)) {
      suppressed[index].inBaseline = true
    }
  }
}

/// A `--baseline` file that cannot be used.
public struct BaselineError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public var description: String { "\(ProfileFile.displayName(path)): \(reason)" }
}
