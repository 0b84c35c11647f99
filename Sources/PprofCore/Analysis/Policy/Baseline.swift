import Foundation
import PprofProfile

/// The findings of an earlier `--format json` report (diff or trend), for `--baseline`: a
/// finding already there is shown but does not fail the run. Findings match by pattern,
/// function and file, not line, so small edits above a known leak do not break the match.
public struct Baseline: Sendable {
  public struct Entry: Hashable, Sendable {
    public var pattern: String
    public var function: String?
    public var file: String?
  }

  public var path: String
  public var entries: [Entry]

  public init(entries: [Entry], path: String) {
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
    let entries = try findings.map { finding throws(BaselineError) -> Entry in
      guard let pattern = finding["pattern"] as? String else {
        throw BaselineError(path: path, reason: "a finding has no pattern")
      }
      return Entry(
        pattern: pattern, function: finding["function"] as? String, file: finding["file"] as? String)
    }
    self.init(entries: entries, path: path)
  }

  /// True when the baseline holds a finding of the same pattern, function and file. Files
  /// match when equal, when one is a path suffix of the other, or when their directory and
  /// name agree (the same file checked out in another directory).
  public func contains(_ finding: Finding) -> Bool {
    contains(pattern: finding.pattern, responsible: finding.responsible)
  }

  func contains(pattern: LeakPattern, responsible: Frame?) -> Bool {
    let function = responsible?.function
    let file = responsible?.file
    return entries.contains { entry in
      entry.pattern == pattern.rawValue && entry.function == function
        && Self.sameFile(entry.file, file)
    }
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
    where contains(pattern: suppressed[index].pattern, responsible: suppressed[index].responsible) {
      suppressed[index].inBaseline = true
    }
  }

  static func sameFile(_ left: String?, _ right: String?) -> Bool {
    guard let left, let right else { return left == right }
    if left == right || left.hasSuffix("/" + right) || right.hasSuffix("/" + left) { return true }
    // The same file built in two checkouts (/home/runner/work/app/app/x/y.go and
    // /__w/app/app/x/y.go): its directory and name agree.
    let l = left.split(separator: "/").suffix(2)
    let r = right.split(separator: "/").suffix(2)
    return l.count == 2 && l.elementsEqual(r)
  }
}

/// A `--baseline` file that cannot be used.
public struct BaselineError: Error, Equatable, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public var description: String { "\(ProfileFile.displayName(path)): \(reason)" }
}
