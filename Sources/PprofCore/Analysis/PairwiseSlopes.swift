/// The median of the slopes between every pair of points of a long series, found without
/// listing the n(n−1)/2 slopes: memory O(n), time O(n log n) per step of a bisection on the
/// slope. For a slope t, a pair (i < j, x_i < x_j) has a slope at most t exactly when
/// y_j − t·x_j ≤ y_i − t·x_i, so the slopes at most t are the pairs that this sequence does not
/// put in increasing order: counted by a merge sort. The bisection ends at 12 significant
/// digits, far below any difference the ratings or the reports can show.
struct PairwiseSlopes {
  let x: [Double]
  let y: [Double]
  /// Pairs with the same time (not slopes): those with y_j ≤ y_i are counted by every count and
  /// taken out.
  let sameTimeCounted: Int
  /// Pairs with different times.
  let pairs: Int

  init(values: [Int64], hours: [Double]) {
    x = hours
    y = values.map(Double.init)
    var sameTime = 0
    var counted = 0
    var start = 0
    while start < x.count {
      var end = start + 1
      while end < x.count, x[end] == x[start] { end += 1 }
      let group = end - start
      sameTime += group * (group - 1) / 2
      for i in start..<end {
        for j in (i + 1)..<end where y[j] <= y[i] { counted += 1 }
      }
      start = end
    }
    sameTimeCounted = counted
    pairs = x.count * (x.count - 1) / 2 - sameTime
  }

  /// The median slope (the mean of the middle two for an even count); 0 without pairs.
  var median: Double {
    guard pairs > 0 else { return 0 }
    let k = (pairs + 1) / 2
    return pairs % 2 == 1 ? smallest(k) : (smallest(k) + smallest(k + 1)) / 2
  }

  /// The k-th smallest slope (1-based): the least t with at least k slopes at most t, to 12
  /// significant digits (the bisection stops there, after about 50 counts).
  func smallest(_ k: Int) -> Double {
    // Bracket: every slope lies within the extreme rise over the least time step.
    let step = zip(x, x.dropFirst()).lazy.map { $1 - $0 }.filter { $0 > 0 }.min() ?? 1
    let span = (y.max() ?? 0) - (y.min() ?? 0)
    let bound = min(span / step + 1, .greatestFiniteMagnitude)
    var low = -bound
    var high = bound
    var z = [Double](repeating: 0, count: x.count)
    var buffer = z
    while high - low > 1e-12 * max(1, abs(low), abs(high)) {
      let middle = low + (high - low) / 2
      if middle <= low || middle >= high { break }
      if countAtMost(middle, &z, &buffer) >= k { high = middle } else { low = middle }
    }
    return high
  }

  /// How many slopes are at most `t` (`z` and `buffer`: room for the count's work).
  func countAtMost(_ t: Double, _ z: inout [Double], _ buffer: inout [Double]) -> Int {
    for index in x.indices { z[index] = y[index] - t * x[index] }
    return Self.pairsNotIncreasing(&z, &buffer, 0, z.count) - sameTimeCounted
  }

  /// The pairs i < j of `z[start..<end]` with z[j] ≤ z[i], sorting that range ascending.
  static func pairsNotIncreasing(_ z: inout [Double], _ buffer: inout [Double], _ start: Int, _ end: Int) -> Int {
    guard end - start > 1 else { return 0 }
    let middle = (start + end) / 2
    var count = pairsNotIncreasing(&z, &buffer, start, middle) + pairsNotIncreasing(&z, &buffer, middle, end)
    var left = start
    var right = middle
    var out = start
    while left < middle || right < end {
      // A right element at most a left one makes a counted pair with it and every left one
      // after it.
      if right < end, left == middle || z[right] <= z[left] {
        if left < middle { count += middle - left }
        buffer[out] = z[right]
        right += 1
      } else {
        buffer[out] = z[left]
        left += 1
      }
      out += 1
    }
    for index in start..<end { z[index] = buffer[index] }
    return count
  }
}
