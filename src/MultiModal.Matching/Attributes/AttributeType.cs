namespace MultiModal.Matching.Attributes;

/// <summary>The type of an attribute field declared in a <see cref="CollectionSchema"/>.</summary>
public enum AttributeType
{
    /// <summary>A 64-bit floating-point number (prices, scores, timestamps as numbers).</summary>
    Number = 0,

    /// <summary>A 64-bit signed integer (counts, years, enumerations).</summary>
    Integer = 1,

    /// <summary>A string, compared ordinally (categories, tags, identifiers).</summary>
    String = 2,

    /// <summary>A Boolean flag.</summary>
    Boolean = 3,
}
