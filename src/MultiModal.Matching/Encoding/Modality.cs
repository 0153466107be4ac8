namespace MultiModal.Matching.Encoding;

/// <summary>
/// A kind of input (text, image, audio, tabular, or a custom one) that items and queries can carry.
/// Two modalities are equal when their names are equal, ignoring case.
/// </summary>
public readonly struct Modality : IEquatable<Modality>
{
    private readonly string? _name;

    /// <summary>Creates a modality with a custom name.</summary>
    /// <param name="name">A non-empty name of letters, digits, '-', '_' or '.', at most 64 characters.</param>
    /// <exception cref="ArgumentException">The name is empty, too long, or has other characters.</exception>
    public Modality(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 64)
        {
            throw new ArgumentException($"A modality name has at most 64 characters; got {name.Length}.", nameof(name));
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"A modality name may hold only ASCII letters, digits, '-', '_' and '.'; '{name}' has '{c}'.", nameof(name));
            }
        }

        _name = name.ToLowerInvariant();
    }

    /// <summary>Natural-language text.</summary>
    public static Modality Text { get; } = new("text");

    /// <summary>Still images.</summary>
    public static Modality Image { get; } = new("image");

    /// <summary>Audio clips.</summary>
    public static Modality Audio { get; } = new("audio");

    /// <summary>Rows of numeric and categorical fields.</summary>
    public static Modality Tabular { get; } = new("tabular");

    /// <summary>The modality's name, in lower case.</summary>
    public string Name => _name ?? throw new InvalidOperationException("This Modality is default-initialised and has no name.");

    /// <summary>Whether this value was default-initialised rather than created with a name.</summary>
    public bool IsDefault => _name is null;

    /// <inheritdoc/>
    public bool Equals(Modality other) => string.Equals(_name, other._name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Modality other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name);

    /// <inheritdoc/>
    public override string ToString() => _name ?? "(none)";

    /// <summary>Equality by name.</summary>
    /// <param name="left">The first modality.</param>
    /// <param name="right">The second modality.</param>
    /// <returns>Whether the names are equal.</returns>
    public static bool operator ==(Modality left, Modality right) => left.Equals(right);

    /// <summary>Inequality by name.</summary>
    /// <param name="left">The first modality.</param>
    /// <param name="right">The second modality.</param>
    /// <returns>Whether the names differ.</returns>
    public static bool operator !=(Modality left, Modality right) => !left.Equals(right);
}
