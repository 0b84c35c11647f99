/// A regular expression in Go's `regexp` syntax (RE2), matched by simulating its automaton
/// (Thompson's construction, as RE2 and Go do), so matching takes time linear in the text's
/// length whatever the pattern: `main\.(a+)+$`, which makes a backtracking engine run for
/// minutes against a long function name, is as quick as `main\.a+`.
///
/// Supported: literals; `.`; classes `[a-z_]`, `[^…]`, `\d \w \s` and their negations, also
/// inside classes; escapes of punctuation and `\t \n \r \f \v`; groups `(…)`, `(?:…)`,
/// `(?P<name>…)`, `(?<name>…)`; `|`; `* + ?`, `{n}`, `{n,}`, `{n,m}` (at most 1000, as RE2) and
/// their lazy forms; `^ $ \A \z`. Not supported, as in RE2: backreferences and lookaround.
/// Flags (`(?i)`) are refused rather than ignored.
package struct LinearRegex: Sendable {
  /// Why a pattern was refused.
  package struct SyntaxError: Error, Equatable, Sendable {
    package var message: String

    package init(message: String) { self.message = message }
  }

  private let program: [Instruction]

  package init(_ pattern: String) throws(SyntaxError) {
    var parser = Parser(Array(pattern.unicodeScalars))
    let node = try parser.parseAll()
    var compiler = Compiler()
    try compiler.emit(node)
    compiler.program.append(.match)
    program = compiler.program
  }

  /// True when the whole of `text` matches.
  package func wholeMatch(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    var current = ThreadSet(size: program.count)
    var next = ThreadSet(size: program.count)
    addThread(0, at: 0, length: scalars.count, to: &current)
    for (index, scalar) in scalars.enumerated() {
      guard !current.isEmpty else { return false }
      next.clear()
      for pc in current.members {
        switch program[pc] {
        case .scalar(let set) where set.contains(scalar):
          addThread(pc + 1, at: index + 1, length: scalars.count, to: &next)
        default: break
        }
      }
      swap(&current, &next)
    }
    return current.members.contains { program[$0] == .match }
  }

  /// Adds `pc` and every instruction reachable from it without reading a scalar.
  private func addThread(_ pc: Int, at position: Int, length: Int, to set: inout ThreadSet) {
    var pending = [pc]
    while let pc = pending.popLast() {
      guard set.insert(pc) else { continue }
      switch program[pc] {
      case .split(let first, let second):
        pending.append(second)
        pending.append(first)
      case .jump(let target): pending.append(target)
      case .textStart: if position == 0 { pending.append(pc + 1) }
      case .textEnd: if position == length { pending.append(pc + 1) }
      case .scalar, .match: break
      }
    }
  }
}

extension LinearRegex {
  fileprivate enum Instruction: Equatable, Sendable {
    case scalar(ScalarSet)
    case split(Int, Int)
    case jump(Int)
    case textStart, textEnd
    case match
  }

  /// A set of Unicode scalars: ranges, possibly negated.
  fileprivate struct ScalarSet: Equatable, Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var isNegated = false

    func contains(_ scalar: Unicode.Scalar) -> Bool {
      ranges.contains { $0.contains(scalar.value) } != isNegated
    }

    static let any = ScalarSet(ranges: [0x0A...0x0A], isNegated: true)  // `.`: not a newline
    static let digit = ScalarSet(ranges: [0x30...0x39])
    static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let space = ScalarSet(ranges: [0x09...0x0A, 0x0C...0x0D, 0x20...0x20])
  }

  fileprivate indirect enum Node {
    case set(ScalarSet)
    case concatenation([Node])
    case alternation([Node])
    case repetition(Node, min: Int, max: Int?)  // nil: no upper bound
    case textStart, textEnd
  }

  /// A recursive-descent parser of the pattern's scalars.
  fileprivate struct Parser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parseAll() throws(SyntaxError) -> Node {
      let node = try parseAlternation()
      if index < scalars.count { throw SyntaxError(message: "unexpected )") }
      return node
    }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func parseAlternation() throws(SyntaxError) -> Node {
      var branches = [try parseConcatenation()]
      while peek == "|" {
        index += 1
        branches.append(try parseConcatenation())
      }
      return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcatenation() throws(SyntaxError) -> Node {
      var items: [Node] = []
      while let scalar = peek, scalar != "|", scalar != ")" {
        var atom = try parseAtom()
        while let (min, max) = try parseQuantifier() {
          if case .textStart = atom { throw SyntaxError(message: "missing argument to repetition operator") }
          atom = .repetition(atom, min: min, max: max)
        }
        items.append(atom)
      }
      return items.count == 1 ? items[0] : .concatenation(items)
    }

    /// `*`, `+`, `?` or `{n,m}`, with an optional lazy `?` (the same language); nil when none.
    private mutating func parseQuantifier() throws(SyntaxError) -> (Int, Int?)? {
      let bounds: (Int, Int?)
      switch peek {
      case "*": bounds = (0, nil); index += 1
      case "+": bounds = (1, nil); index += 1
      case "?": bounds = (0, 1); index += 1
      case "{":
        guard let counted = parseCount() else { return nil }  // a literal `{`, as in RE2
        bounds = counted
      default: return nil
      }
      if peek == "?" { index += 1 }
      if let max = bounds.1, max < bounds.0 { throw SyntaxError(message: "invalid repeat count") }
      if bounds.0 > 1000 || (bounds.1 ?? 0) > 1000 {
        throw SyntaxError(message: "repeat count over 1000")
      }
      return bounds
    }

    /// `{n}`, `{n,}` or `{n,m}` at `index`; nil (and `index` unchanged) when it is not one.
    private mutating func parseCount() -> (Int, Int?)? {
      let start = index
      index += 1
      func number() -> Int? {
        var value: Int?
        while let scalar = peek, let digit = Int(String(scalar)), scalar.isASCII {
          value = min((value ?? 0) * 10 + digit, 100_000)
          index += 1
        }
        return value
      }
      guard let low = number() else { index = start; return nil }
      var high: Int? = low
      if peek == "," {
        index += 1
        high = number()
      }
      guard peek == "}" else { index = start; return nil }
      index += 1
      return (low, high)
    }

    private mutating func parseAtom() throws(SyntaxError) -> Node {
      guard let scalar = peek else { throw SyntaxError(message: "missing argument") }
      index += 1
      switch scalar {
      case "(": return try parseGroup()
      case "[": return .set(try parseClass())
      case ".": return .set(.any)
      case "^": return .textStart
      case "$": return .textEnd
      case "*", "+", "?": throw SyntaxError(message: "missing argument to repetition operator: \(scalar)")
      case "\\": return try parseEscape()
      default: return .set(ScalarSet(ranges: [scalar.value...scalar.value]))
      }
    }

    private mutating func parseGroup() throws(SyntaxError) -> Node {
      if peek == "?" {
        index += 1
        switch peek {
        case ":": index += 1
        case "P", "<":
          if peek == "P" { index += 1 }
          guard peek == "<" else { throw SyntaxError(message: "invalid named capture") }
          while let scalar = peek, scalar != ">" { index += 1 }
          guard peek == ">" else { throw SyntaxError(message: "invalid named capture") }
          index += 1
        default:
          throw SyntaxError(message: "flags and lookaround are not supported (Go's regexp syntax)")
        }
      }
      depth += 1
      guard depth <= 1000 else { throw SyntaxError(message: "expression nests too deeply") }
      let node = try parseAlternation()
      depth -= 1
      guard peek == ")" else { throw SyntaxError(message: "missing closing )") }
      index += 1
      return node
    }

    private mutating func parseEscape() throws(SyntaxError) -> Node {
      guard let scalar = peek else { throw SyntaxError(message: "trailing backslash") }
      index += 1
      switch scalar {
      case "A": return .textStart
      case "z": return .textEnd
      default: return .set(try escapedSet(scalar))
      }
    }

    /// The set an escape after `\` stands for, in a class or outside one.
    private func escapedSet(_ scalar: Unicode.Scalar) throws(SyntaxError) -> ScalarSet {
      func single(_ value: UInt32) -> ScalarSet { ScalarSet(ranges: [value...value]) }
      switch scalar {
      case "d": return .digit
      case "w": return .word
      case "s": return .space
      case "D": return ScalarSet(ranges: ScalarSet.digit.ranges, isNegated: true)
      case "W": return ScalarSet(ranges: ScalarSet.word.ranges, isNegated: true)
      case "S": return ScalarSet(ranges: ScalarSet.space.ranges, isNegated: true)
      case "t": return single(0x09)
      case "n": return single(0x0A)
      case "r": return single(0x0D)
      case "f": return single(0x0C)
      case "v": return single(0x0B)
      default:
        guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else {
          throw SyntaxError(message: "invalid escape sequence: \\\(scalar)")
        }
        return single(scalar.value)
      }
    }

    /// A class after its `[`, through its `]`.
    private mutating func parseClass() throws(SyntaxError) -> ScalarSet {
      var set = ScalarSet()
      if peek == "^" {
        set.isNegated = true
        index += 1
      }
      var first = true
      while let scalar = peek, scalar != "]" || first {
        first = false
        index += 1
        var low = scalar.value
        if scalar == "\\" {
          guard let escaped = peek else { throw SyntaxError(message: "missing closing ]") }
          index += 1
          let member = try escapedSet(escaped)
          guard !member.isNegated, member.ranges.count == 1, member.ranges[0].count == 1 else {
            // \d, \w, \s and their negations: a whole set, never a range's end.
            if member.isNegated {
              set.ranges += Self.complement(member.ranges)
            } else {
              set.ranges += member.ranges
            }
            continue
          }
          low = member.ranges[0].lowerBound
        }
        if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
          index += 1
          guard var high = peek?.value else { throw SyntaxError(message: "missing closing ]") }
          index += 1
          if high == 0x5C {  // `\`: an escaped end
            guard let escaped = peek else { throw SyntaxError(message: "missing closing ]") }
            index += 1
            high = escaped.value
          }
          guard low <= high else { throw SyntaxError(message: "invalid character class range") }
          set.ranges.append(low...high)
        } else {
          set.ranges.append(low...low)
        }
      }
      guard peek == "]" else { throw SyntaxError(message: "missing closing ]") }
      index += 1
      return set
    }

    private static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
      var result: [ClosedRange<UInt32>] = []
      var next: UInt32 = 0
      for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
        if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
        next = max(next, range.upperBound + 1)
      }
      if next <= 0x10FFFF { result.append(next...0x10FFFF) }
      return result
    }
  }

  /// Turns a node into instructions; counted repetitions are written out, within a bound.
  fileprivate struct Compiler {
    var program: [Instruction] = []
    static let maxInstructions = 20_000

    mutating func emit(_ node: Node) throws(SyntaxError) {
      guard program.count < Self.maxInstructions else {
        throw SyntaxError(message: "expression too large")
      }
      switch node {
      case .set(let set): program.append(.scalar(set))
      case .textStart: program.append(.textStart)
      case .textEnd: program.append(.textEnd)
      case .concatenation(let items):
        for item in items { try emit(item) }
      case .alternation(let branches):
        var jumps: [Int] = []
        for (offset, branch) in branches.enumerated() {
          if offset < branches.count - 1 {
            let split = program.count
            program.append(.split(split + 1, 0))
            try emit(branch)
            jumps.append(program.count)
            program.append(.jump(0))
            program[split] = .split(split + 1, program.count)
          } else {
            try emit(branch)
          }
        }
        for jump in jumps { program[jump] = .jump(program.count) }
      case .repetition(let item, let min, let max):
        for _ in 0..<min { try emit(item) }
        if let max {
          // Each optional copy may be skipped to the end.
          var splits: [Int] = []
          for _ in min..<max {
            splits.append(program.count)
            program.append(.split(program.count + 1, 0))
            try emit(item)
          }
          for split in splits { program[split] = .split(split + 1, program.count) }
        } else {
          let split = program.count
          program.append(.split(split + 1, 0))
          try emit(item)
          program.append(.jump(split))
          program[split] = .split(split + 1, program.count)
        }
      }
    }
  }

  /// The instructions live at a position: a sparse set with insertion order, cleared in O(1).
  fileprivate struct ThreadSet {
    private(set) var members: [Int] = []
    private var generation: [Int]
    private var current = 1

    init(size: Int) { generation = Array(repeating: 0, count: size) }

    var isEmpty: Bool { members.isEmpty }

    /// False when `pc` was already there.
    mutating func insert(_ pc: Int) -> Bool {
      guard generation[pc] != current else { return false }
      generation[pc] = current
      members.append(pc)
      return true
    }

    mutating func clear() {
      members.removeAll(keepingCapacity: true)
      current += 1
    }
  }
}
