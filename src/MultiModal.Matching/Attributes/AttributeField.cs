namespace MultiModal.Matching.Attributes;

/// <summary>A typed attribute field of a collection, usable in <see cref="AttributeFilter"/>s.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed record AttributeField
{
    /// <summary>Declares a field.</summary>
    /// <param name="name">A non-empty name of at most 64 characters (letters, digits, '-', '_' or '.'); ordinal, case-sensitive.</param>
    /// <param name="type">The type every value of the field has.</param>
    /// <exception cref="ArgumentException">The name is empty, too long or has other characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public AttributeField(string name, AttributeType type)
    {
        ThrowIfInvalidName(name, nameof(name));
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown attribute type.");
        }

        Name = name;
        Type = type;
    }

    /// <summary>The field's name.</summary>
    public string Name { get; }

    /// <summary>The field's type.</summary>
    public AttributeType Type { get; }

    internal static void ThrowIfInvalidName(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (name.Length > 64)
        {
            throw new ArgumentException($"An attribute name has at most 64 characters; got {name.Length}.", paramName);
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"An attribute name may hold only ASCII letters, digits, '-', '_' and '.'; '{name}' has '{c}'.", paramName);
            }
        }
    }
}
