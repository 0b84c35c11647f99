/// One measured stack with its values (`Sample`).
public struct Sample: Equatable, Sendable {
  /// Location ids, leaf first (`Sample.location_id = 1`).
  public var locationIDs: [UInt64]
  /// One value per sample type (`Sample.value = 2`).
  public var values: [Int64]
  /// `Sample.label = 3`.
  public var labels: [Label]
  public init(locationIDs: [UInt64] = [], values: [Int64] = [], labels: [Label] = []) {
    self.locationIDs = locationIDs
    self.values = values
    self.labels = labels
  }
}
