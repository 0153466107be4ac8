using System.Globalization;

namespace MultiModal.Matching.Storage;

/// <summary>The type of a stored attribute value.</summary>
internal enum AttributeKind : byte
{
    /// <summary>A string.</summary>
    String = 1,

    /// <summary>A 64-bit signed integer.</summary>
    Int64 = 2,

    /// <summary>A 64-bit floating-point number.</summary>
    Double = 3,

    /// <summary>A boolean.</summary>
    Boolean = 4,
}

/// <summary>One typed attribute value stored with an item, for filters.</summary>
internal readonly struct AttributeValue : IEquatable<AttributeValue>
{
    private readonly long _bits;
    private readonly string? _text;

    private AttributeValue(AttributeKind kind, long bits, string? text)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    /// <summary>The value's type.</summary>
    public AttributeKind Kind { get; }

    /// <summary>The string value (only for <see cref="AttributeKind.String"/>).</summary>
    public string AsString => Kind == AttributeKind.String ? _text! : throw WrongKind(AttributeKind.String);

    /// <summary>The integer value (only for <see cref="AttributeKind.Int64"/>).</summary>
    public long AsInt64 => Kind == AttributeKind.Int64 ? _bits : throw WrongKind(AttributeKind.Int64);

    /// <summary>The floating-point value (only for <see cref="AttributeKind.Double"/>).</summary>
    public double AsDouble => Kind == AttributeKind.Double ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(AttributeKind.Double);

    /// <summary>The boolean value (only for <see cref="AttributeKind.Boolean"/>).</summary>
    public bool AsBoolean => Kind == AttributeKind.Boolean ? _bits != 0 : throw WrongKind(AttributeKind.Boolean);

    internal long RawBits => _bits;

    public static AttributeValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(AttributeKind.String, 0, value);
    }

    public static AttributeValue FromInt64(long value) => new(AttributeKind.Int64, value, null);

    public static AttributeValue FromDouble(double value) => new(AttributeKind.Double, BitConverter.DoubleToInt64Bits(value), null);

    public static AttributeValue FromBoolean(bool value) => new(AttributeKind.Boolean, value ? 1 : 0, null);

    public bool Equals(AttributeValue other) =>
        Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text);

    public override string ToString() => Kind switch
    {
        AttributeKind.String => _text!,
        AttributeKind.Int64 => _bits.ToString(CultureInfo.InvariantCulture),
        AttributeKind.Double => AsDouble.ToString("R", CultureInfo.InvariantCulture),
        AttributeKind.Boolean => AsBoolean ? "true" : "false",
        _ => "(none)",
    };

    private InvalidOperationException WrongKind(AttributeKind wanted) => new($"The attribute holds a {Kind}, not a {wanted}.");
}
