using System.Globalization;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>Settings of <see cref="HashedTextEncoder"/>. Validated when the encoder is built; the encoder keeps a copy.</summary>
public sealed class HashedTextEncoderOptions
{
    /// <summary>The output dimension (hash buckets), 16 to 2^20 (default 2048).</summary>
    public int Dimension { get; set; } = 2048;

    /// <summary>The shortest word n-gram (default 1; 0 disables word n-grams).</summary>
    public int MinWordNGram { get; set; } = 1;

    /// <summary>The longest word n-gram (default 2).</summary>
    public int MaxWordNGram { get; set; } = 2;

    /// <summary>The shortest character n-gram, taken within each word padded as "&lt;word&gt;" (default 3; 0 disables them).</summary>
    public int MinCharNGram { get; set; } = 3;

    /// <summary>The longest character n-gram (default 5).</summary>
    public int MaxCharNGram { get; set; } = 5;

    /// <summary>The weight of the (separately normalised) word part against the character part, 0 to 1 (default 0.5).</summary>
    public float WordWeight { get; set; } = 0.5f;

    /// <summary>Returns a copy.</summary>
    /// <returns>The copy.</returns>
    public HashedTextEncoderOptions Clone() => (HashedTextEncoderOptions)MemberwiseClone();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 16, nameof(Dimension));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Dimension, 1 << 20, nameof(Dimension));
        ValidateRange(MinWordNGram, MaxWordNGram, 8, nameof(MinWordNGram));
        ValidateRange(MinCharNGram, MaxCharNGram, 16, nameof(MinCharNGram));
        if (MinWordNGram == 0 && MinCharNGram == 0)
        {
            throw new ArgumentException("At least one of word or character n-grams must be enabled.");
        }

        if (!(WordWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(WordWeight), WordWeight, "The word weight must be between 0 and 1.");
        }
    }

    internal string Canonical() => string.Create(CultureInfo.InvariantCulture,
        $"dim={Dimension};word={MinWordNGram}-{MaxWordNGram};char={MinCharNGram}-{MaxCharNGram};ww={WordWeight:R}");

    private static void ValidateRange(int min, int max, int limit, string name)
    {
        if (min == 0)
        {
            return;
        }

        if (min < 1 || max < min || max > limit)
        {
            throw new ArgumentOutOfRangeException(name, $"An n-gram range must satisfy 1 ≤ min ≤ max ≤ {limit} (or min = 0 to disable); got {min}-{max}.");
        }
    }
}
