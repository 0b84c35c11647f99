import Foundation

/// How one series of values over time grows, by robust statistics that sampling noise and GC
/// timing do not fool. Every figure is documented in the man page (TREND STATISTICS).
public struct GrowthStatistics: Equatable, Sendable {
  /// Number of points.
  public var count: Int
  /// Mann–Kendall S: the number of later-greater pairs minus later-smaller pairs.
  public var mannKendallS: Int
  /// S normalised by its standard deviation (with tie correction and continuity correction).
  public var z: Double
  /// One-sided p-value of "the series increases" (1 when it cannot be computed).
  public var pValue: Double
  /// Theil–Sen slope: the median of the pairwise slopes, in units per hour.
  public var slopePerHour: Double
  /// Share of steps that do not go down (1 = monotonic).
  public var nonDecreasingShare: Double
  /// Last value minus first value.
  public var growth: Int64
  /// `growth` over the first value (the first value counts as at least 1).
  public var relativeGrowth: Double
  /// True when the series rose but its last part has flattened (a plateau is not a leak):
  /// the Theil–Sen slope of the last third (at least 4 points) is under a quarter of the slope
  /// of the whole series, or the last third moves less than a tenth of the total rise.
  public var hasPlateaued: Bool

  /// `values[i]` observed at `hours[i]` (hours from any origin, non-decreasing).
  public init(values: [Int64], hours: [Double]) {
    assert(values.count == hours.count)
    count = values.count
    let (s, variance) = Self.mannKendall(values)
    mannKendallS = s
    if variance > 0 {
      let corrected = s > 0 ? Double(s - 1) : s < 0 ? Double(s + 1) : 0
      z = corrected / variance.squareRoot()
      pValue = 0.5 * erfc(z / 2.0.squareRoot())
    } else {
      z = 0
      pValue = 1
    }
    slopePerHour = Self.theilSen(values, hours)
    if values.count > 1 {
      let steps = zip(values, values.dropFirst()).filter { $0.1 >= $0.0 }.count
      nonDecreasingShare = Double(steps) / Double(values.count - 1)
    } else {
      nonDecreasingShare = 1
    }
    let first = values.first ?? 0
    growth = (values.last ?? 0) &- first
    relativeGrowth = Double(growth) / Double(max(first, 1))
    hasPlateaued = Self.plateau(values, hours, slope: slopePerHour, growth: growth)
  }

  /// True when the Mann–Kendall test alone gives `values` a one-sided p-value at most `pValue`
  /// (what the series rule asks first), without the slopes.
  static func risesSignificantly(_ values: [Int64], pValue: Double) -> Bool {
    let (s, variance) = mannKendall(values)
    guard variance > 0, s > 0 else { return false }
    return 0.5 * erfc(Double(s - 1) / variance.squareRoot() / 2.0.squareRoot()) <= pValue
  }

  /// S and its variance under the null hypothesis, with the correction for tied values. S is
  /// counted in O(n log n): each value against the earlier ones, through a Fenwick tree over
  /// the values' ranks, so 20,000 snapshots cost milliseconds, not 200 million comparisons.
  static func mannKendall(_ values: [Int64]) -> (Int, Double) {
    let n = values.count
    guard n >= 2 else { return (0, 0) }
    let distinct = Array(Set(values)).sorted()
    var rankOf: [Int64: Int] = [:]
    for (rank, value) in distinct.enumerated() { rankOf[value] = rank + 1 }
    var tree = [Int](repeating: 0, count: distinct.count + 1)
    func earlier(upTo rank: Int) -> Int {
      var total = 0
      var index = rank
      while index > 0 {
        total += tree[index]
        index -= index & -index
      }
      return total
    }
    var s = 0
    for (seen, value) in values.enumerated() {
      let rank = rankOf[value] ?? 1
      let below = earlier(upTo: rank - 1)
      let notAbove = earlier(upTo: rank)
      s += below - (seen - notAbove)
      var index = rank
      while index < tree.count {
        tree[index] += 1
        index += index & -index
      }
    }
    var ties: [Int64: Int] = [:]
    for value in values { ties[value, default: 0] += 1 }
    let tieTerm = ties.values.reduce(0.0) { sum, t in
      sum + Double(t) * Double(t - 1) * Double(2 * t + 5)
    }
    let variance = (Double(n) * Double(n - 1) * Double(2 * n + 5) - tieTerm) / 18
    return (s, variance)
  }

  /// Up to this many points the pairwise slopes are listed and sorted (about 2 million slopes,
  /// 16 MB); beyond, their median is found without listing them.
  static let listedSlopesLimit = 2_000

  /// The median of the slopes between every pair of points with different times, per hour.
  package static func theilSen(_ values: [Int64], _ hours: [Double]) -> Double {
    guard values.count > listedSlopesLimit else {
      var slopes: [Double] = []
      slopes.reserveCapacity(values.count * (values.count - 1) / 2)
      for i in values.indices {
        for j in values.indices where j > i && hours[j] > hours[i] {
          slopes.append((Double(values[j]) - Double(values[i])) / (hours[j] - hours[i]))
        }
      }
      return median(slopes)
    }
    return PairwiseSlopes(values: values, hours: hours).median
  }

  /// The median of `values` (the mean of the middle two for an even count); 0 when empty.
  package static func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  static func plateau(_ values: [Int64], _ hours: [Double], slope: Double, growth: Int64) -> Bool {
    guard slope > 0, values.count >= 6 else { return false }
    let tailCount = max(4, (values.count + 2) / 3)
    let tail = Array(values.suffix(tailCount))
    let tailSlope = theilSen(tail, Array(hours.suffix(tailCount)))
    if tailSlope < slope / 4 { return true }
    // In Double: the values may be anything a profile holds, and must not overflow.
    let rise = max(Double(growth), Double(values.max() ?? 0) - Double(values.min() ?? 0))
    let tailRange = Double(tail.max() ?? 0) - Double(tail.min() ?? 0)
    return rise > 0 && tailRange * 10 < rise
  }
}
