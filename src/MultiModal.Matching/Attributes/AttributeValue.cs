using System.Globalization;

namespace MultiModal.Matching.Attributes;

/// <summary>
/// One attribute value: a number, an integer, a string or a Boolean. Implicit conversions from
/// <see cref="double"/>, <see cref="long"/>, <see cref="int"/>, <see cref="string"/> and <see cref="bool"/>
/// let values be written as literals.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public readonly struct AttributeValue : IEquatable<AttributeValue>
{
    private readonly double _number;
    private readonly long _integer;
    private readonly string? _string;

    private AttributeValue(AttributeType type, double number, long integer, string? text)
    {
        Type = type;
        _number = number;
        _integer = integer;
        _string = text;
    }

    /// <summary>The value's type.</summary>
    public AttributeType Type { get; }

    /// <summary>A number value.</summary>
    /// <param name="value">A finite number.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static AttributeValue FromNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An attribute number must be finite.");
        }

        return new AttributeValue(AttributeType.Number, value, 0, null);
    }

    /// <summary>An integer value.</summary>
    /// <param name="value">The integer.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromInteger(long value) => new(AttributeType.Integer, 0, value, null);

    /// <summary>A string value.</summary>
    /// <param name="value">The string (may be empty, not null).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static AttributeValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new AttributeValue(AttributeType.String, 0, 0, value);
    }

    /// <summary>A Boolean value.</summary>
    /// <param name="value">The flag.</param>
    /// <returns>The value.</returns>
    public static AttributeValue FromBoolean(bool value) => new(AttributeType.Boolean, 0, value ? 1 : 0, null);

    /// <summary>The number; for an integer value, the integer converted to a number.</summary>
    /// <exception cref="InvalidOperationException">The value is a string or a Boolean.</exception>
    public double AsNumber => Type switch
    {
        AttributeType.Number => _number,
        AttributeType.Integer => _integer,
        _ => throw WrongType(AttributeType.Number),
    };

    /// <summary>The integer.</summary>
    /// <exception cref="InvalidOperationException">The value is not an integer.</exception>
    public long AsInteger => Type == AttributeType.Integer ? _integer : throw WrongType(AttributeType.Integer);

    /// <summary>The string.</summary>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString => Type == AttributeType.String ? _string! : throw WrongType(AttributeType.String);

    /// <summary>The flag.</summary>
    /// <exception cref="InvalidOperationException">The value is not a Boolean.</exception>
    public bool AsBoolean => Type == AttributeType.Boolean ? _integer != 0 : throw WrongType(AttributeType.Boolean);

    /// <summary>Converts a number.</summary>
    /// <param name="value">A finite number.</param>
    public static implicit operator AttributeValue(double value) => FromNumber(value);

    /// <summary>Converts an integer.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator AttributeValue(long value) => FromInteger(value);

    /// <summary>Converts an integer.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator AttributeValue(int value) => FromInteger(value);

    /// <summary>Converts a string.</summary>
    /// <param name="value">The string, not null.</param>
    public static implicit operator AttributeValue(string value) => FromString(value);

    /// <summary>Converts a flag.</summary>
    /// <param name="value">The flag.</param>
    public static implicit operator AttributeValue(bool value) => FromBoolean(value);

    /// <inheritdoc/>
    public bool Equals(AttributeValue other) =>
        Type == other.Type && _integer == other._integer && _number.Equals(other._number) &&
        string.Equals(_string, other._string, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, _number, _integer, _string is null ? 0 : StringComparer.Ordinal.GetHashCode(_string));

    /// <inheritdoc/>
    public override string ToString() => Type switch
    {
        AttributeType.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        AttributeType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        AttributeType.String => _string!,
        _ => _integer != 0 ? "true" : "false",
    };

    /// <summary>Equality of type and value.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(AttributeValue left, AttributeValue right) => left.Equals(right);

    /// <summary>Inequality of type or value.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(AttributeValue left, AttributeValue right) => !left.Equals(right);

    private InvalidOperationException WrongType(AttributeType wanted) =>
        new($"This attribute value is a {Type}, not a {wanted}.");
}
