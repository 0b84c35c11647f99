extension ProfileDecoder {
  /// Checks every reference of the decoded message and builds the id indexes, the way pprof's
  /// `postDecode` and `CheckValid` do, then decodes the samples (`decodeSamples`, which checks
  /// theirs: into the profile, or `preparingStacks` into the stacks returned); each error
  /// carries the offset of the message at fault.
  @discardableResult
  mutating func validate(preparingStacks: Bool = false) throws(ProfileDecodingError)
    -> PreparedStacks?
  {
    let stringCount = profile.stringTable.count
    guard stringCount > 0 else { throw ProfileDecodingError(.emptyStringTable, offset: 0) }
    guard profile.stringTable[0].isEmpty else {
      throw ProfileDecodingError(
        .nonEmptyFirstString, offset: offsetOfStringTable, field: "Profile.string_table")
    }

    func check(_ id: StringID, _ offset: Int, _ field: StaticString) throws(ProfileDecodingError)
    {
      guard id.rawValue >= 0, id.rawValue < Int64(stringCount) else {
        throw ProfileDecodingError(
          .stringIndexOutOfRange(id.rawValue, count: stringCount), offset: offset,
          field: "\(field)")
      }
    }

    for type in profile.sampleTypes {
      try check(type.type, 0, "ValueType.type")
      try check(type.unit, 0, "ValueType.unit")
    }
    if let periodType = profile.periodType {
      try check(periodType.type, 0, "Profile.period_type")
      try check(periodType.unit, 0, "Profile.period_type")
    }
    try check(profile.dropFrames, 0, "Profile.drop_frames")
    try check(profile.keepFrames, 0, "Profile.keep_frames")
    try check(profile.defaultSampleType, 0, "Profile.default_sample_type")
    try check(profile.docURL, 0, "Profile.doc_url")
    for comment in profile.comments { try check(comment, 0, "Profile.comment") }

    for (index, mapping) in profile.mappings.enumerated() {
      try check(mapping.filename, mappingOffsets[index], "Mapping.filename")
      try check(mapping.buildID, mappingOffsets[index], "Mapping.build_id")
    }
    for (index, function) in profile.functions.enumerated() {
      let offset = functionOffsets[index]
      try check(function.name, offset, "Function.name")
      try check(function.systemName, offset, "Function.system_name")
      try check(function.filename, offset, "Function.filename")
    }

    profile.mappingIndexByID = try index(
      profile.mappings.lazy.map(\.id), offsets: mappingOffsets, field: "Mapping.id")
    profile.functionIndexByID = try index(
      profile.functions.lazy.map(\.id), offsets: functionOffsets, field: "Function.id")
    profile.locationIndexByID = try index(
      profile.locations.lazy.map(\.id), offsets: locationOffsets, field: "Location.id")

    for (index, location) in profile.locations.enumerated() {
      let offset = locationOffsets[index]
      if location.mappingID != 0, profile.mappingIndexByID.index(of: location.mappingID) == nil {
        throw ProfileDecodingError(
          .unknownMappingID(location.mappingID), offset: offset, field: "Location.mapping_id")
      }
      for line in location.lines where profile.functionIndexByID.index(of: line.functionID) == nil
      {
        throw ProfileDecodingError(
          .unknownFunctionID(line.functionID), offset: offset, field: "Line.function_id")
      }
    }

    return try decodeSamples(checkingStrings: check, preparingStacks: preparingStacks)
  }

  private func index(
    _ ids: some Collection<UInt64>, offsets: [Int], field: StaticString
  ) throws(ProfileDecodingError) -> IDIndex {
    do {
      return try IDIndex(ids: ids)
    } catch {
      switch error {
      case .reservedZero(let position):
        throw ProfileDecodingError(.reservedZeroID, offset: offsets[position], field: "\(field)")
      case .duplicate(let id, let position):
        throw ProfileDecodingError(.duplicateID(id), offset: offsets[position], field: "\(field)")
      }
    }
  }
}
