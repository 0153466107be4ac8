using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace MultiModal.Matching.Encoding;

/// <summary>
/// Who made a vector: an encoder's name, its version, and a 64-bit hash of the configuration that
/// shapes its output (dimension, n-gram ranges, fitted statistics, model file, …). A collection stores
/// the identity of the encoder that built each modality and refuses vectors from any other.
/// </summary>
/// <remarks>
/// The string form, written by <see cref="ToString"/> and read by <see cref="Parse"/>, is
/// <c>name@version#hash</c> with the hash as 16 lower-case hexadecimal digits, e.g.
/// <c>mmm.text.hashed-ngrams@1#00c3a0f1d2e4b5a6</c>. Names and versions are 1 to 128 printable ASCII
/// characters other than space, '@' and '#'. Equality is ordinal on all three parts.
/// This type is immutable and thread-safe.
/// </remarks>
public readonly struct EncoderIdentity : IEquatable<EncoderIdentity>
{
    private const int MaxPartLength = 128;

    private readonly string? _name;
    private readonly string? _version;

    /// <summary>Creates an identity from its three parts.</summary>
    /// <param name="name">The encoder's name, e.g. <c>mmm.audio.mfcc-stats</c>.</param>
    /// <param name="version">The version of the algorithm; change it whenever the same configuration would produce different vectors.</param>
    /// <param name="configurationHash">A hash of the configuration (see <see cref="Create(string, string, string)"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="version"/> is null.</exception>
    /// <exception cref="ArgumentException">A part is empty, longer than 128 characters, or has a character other than printable ASCII without space, '@' and '#'.</exception>
    public EncoderIdentity(string name, string version, ulong configurationHash)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        if (!IsValidPart(name))
        {
            throw new ArgumentException($"An encoder name has 1 to {MaxPartLength} printable ASCII characters other than space, '@' and '#'; got '{name}'.", nameof(name));
        }

        if (!IsValidPart(version))
        {
            throw new ArgumentException($"An encoder version has 1 to {MaxPartLength} printable ASCII characters other than space, '@' and '#'; got '{version}'.", nameof(version));
        }

        _name = name;
        _version = version;
        ConfigurationHash = configurationHash;
    }

    /// <summary>The encoder's name.</summary>
    /// <exception cref="InvalidOperationException">This value is default-initialised.</exception>
    public string Name => _name ?? throw new InvalidOperationException("This EncoderIdentity is default-initialised.");

    /// <summary>The encoder's algorithm version.</summary>
    /// <exception cref="InvalidOperationException">This value is default-initialised.</exception>
    public string Version => _version ?? throw new InvalidOperationException("This EncoderIdentity is default-initialised.");

    /// <summary>A 64-bit hash of the configuration that shapes the encoder's output.</summary>
    public ulong ConfigurationHash { get; }

    /// <summary>Whether this value was default-initialised rather than created.</summary>
    public bool IsDefault => _name is null;

    /// <summary>
    /// Creates an identity whose configuration hash is a stable 64-bit hash of the UTF-8 bytes of
    /// <paramref name="canonicalConfiguration"/>: a string that lists every setting that shapes the output,
    /// in a fixed order and culture-invariant format (e.g. <c>dim=1024;word=1-2;char=3-5</c>).
    /// </summary>
    /// <param name="name">The encoder's name.</param>
    /// <param name="version">The algorithm version.</param>
    /// <param name="canonicalConfiguration">The configuration, written canonically.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="version"/> is invalid.</exception>
    public static EncoderIdentity Create(string name, string version, string canonicalConfiguration)
    {
        ArgumentNullException.ThrowIfNull(canonicalConfiguration);
        return Create(name, version, System.Text.Encoding.UTF8.GetBytes(canonicalConfiguration));
    }

    /// <summary>Creates an identity whose configuration hash is a stable 64-bit hash of <paramref name="configuration"/>.</summary>
    /// <param name="name">The encoder's name.</param>
    /// <param name="version">The algorithm version.</param>
    /// <param name="configuration">Bytes that encode every setting (and fitted state) that shapes the output.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="version"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="version"/> is invalid.</exception>
    public static EncoderIdentity Create(string name, string version, ReadOnlySpan<byte> configuration) =>
        new(name, version, StableHash.Hash64(configuration));

    /// <summary>Reads the form <c>name@version#hash</c> that <see cref="ToString"/> writes.</summary>
    /// <param name="text">The string form.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid identity.</exception>
    public static EncoderIdentity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out EncoderIdentity identity)
            ? identity
            : throw new FormatException($"'{text}' is not an encoder identity of the form name@version#hash (16 hex digits).");
    }

    /// <summary>Tries to read the form <c>name@version#hash</c>.</summary>
    /// <param name="text">The string form, or null.</param>
    /// <param name="identity">The identity, or default when the text is invalid.</param>
    /// <returns>Whether <paramref name="text"/> was valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out EncoderIdentity identity)
    {
        identity = default;
        if (text is null)
        {
            return false;
        }

        int at = text.IndexOf('@', StringComparison.Ordinal);
        int hash = text.LastIndexOf('#');
        if (at <= 0 || hash <= at + 1 || text.Length - hash - 1 != 16)
        {
            return false;
        }

        string name = text[..at];
        string version = text[(at + 1)..hash];
        ReadOnlySpan<char> hex = text.AsSpan(hash + 1);
        foreach (char c in hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        if (!IsValidPart(name) || !IsValidPart(version) ||
            !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value))
        {
            return false;
        }

        identity = new EncoderIdentity(name, version, value);
        return true;
    }

    /// <summary>The form <c>name@version#hash</c>; "(none)" for a default value.</summary>
    /// <returns>The string form.</returns>
    public override string ToString()
    {
        if (_name is null)
        {
            return "(none)";
        }

        var sb = new StringBuilder(_name.Length + _version!.Length + 18);
        sb.Append(_name).Append('@').Append(_version).Append('#')
          .Append(ConfigurationHash.ToString("x16", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(EncoderIdentity other) =>
        string.Equals(_name, other._name, StringComparison.Ordinal) &&
        string.Equals(_version, other._version, StringComparison.Ordinal) &&
        ConfigurationHash == other.ConfigurationHash;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EncoderIdentity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        _name is null ? 0 : StringComparer.Ordinal.GetHashCode(_name),
        _version is null ? 0 : StringComparer.Ordinal.GetHashCode(_version),
        ConfigurationHash);

    /// <summary>Equality of all three parts.</summary>
    /// <param name="left">The first identity.</param>
    /// <param name="right">The second identity.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(EncoderIdentity left, EncoderIdentity right) => left.Equals(right);

    /// <summary>Inequality of any part.</summary>
    /// <param name="left">The first identity.</param>
    /// <param name="right">The second identity.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(EncoderIdentity left, EncoderIdentity right) => !left.Equals(right);

    private static bool IsValidPart(string part)
    {
        if (part.Length is 0 or > MaxPartLength)
        {
            return false;
        }

        foreach (char c in part)
        {
            if (c is <= ' ' or > '~' or '@' or '#')
            {
                return false;
            }
        }

        return true;
    }
}
