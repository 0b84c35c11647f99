public import PprofProfile

/// What makes a finding the same finding from one run to the next: its pattern, its
/// responsible function and that function's file, not the line (small edits above a leak move
/// it). `--baseline` matches by it, and SARIF's fingerprint is written from it, so the two
/// agree on what is already known.
public struct FindingIdentity: Hashable, Sendable {
  public var pattern: String
  public var function: String?
  public var file: String?

  public init(pattern: String, function: String?, file: String?) {
    self.pattern = pattern
    self.function = function
    self.file = file
  }

  public init(pattern: LeakPattern, responsible: Frame?) {
    self.init(pattern: pattern.rawValue, function: responsible?.function, file: responsible?.file)
  }

  /// True for the same pattern and function in the same file. Files match when equal, when
  /// one is a path suffix of the other, or when their directory and name agree (the same file
  /// checked out in another directory).
  public func matches(_ other: FindingIdentity) -> Bool {
    pattern == other.pattern && function == other.function && Self.sameFile(file, other.file)
  }

  /// The identity as one string, with `file` written as given (SARIF gives the repository
  /// path): "blocked-send|main.f|cmd/app/main.go".
  public func fingerprint(file: String?) -> String {
    [pattern, function ?? "", file ?? self.file ?? ""].joined(separator: "|")
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

extension Finding {
  public var identity: FindingIdentity { FindingIdentity(pattern: pattern, responsible: responsible) }
}
