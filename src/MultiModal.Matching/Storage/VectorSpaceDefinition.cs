namespace MultiModal.Matching.Storage;

/// <summary>
/// One named vector space of a collection (one per modality, plus an optional joint space):
/// its name (also part of its segment file names), dimension and metric.
/// </summary>
internal sealed record VectorSpaceDefinition
{
    /// <summary>Vectors have at most this many components.</summary>
    public const int MaxDimension = 65536;

    /// <summary>Creates and validates a space definition.</summary>
    /// <param name="name">1 to 64 characters: lower-case ASCII letters, digits, '-', '_' or '.' (upper case is folded).</param>
    /// <param name="dimension">1 to <see cref="MaxDimension"/>.</param>
    /// <param name="metric">The metric its index uses.</param>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The dimension or metric is out of range.</exception>
    public VectorSpaceDefinition(string name, int dimension, DistanceMetric metric)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, MaxDimension);
        if (!Enum.IsDefined(metric))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric.");
        }

        if (!IsValidName(name))
        {
            throw new ArgumentException($"A space name has 1 to 64 ASCII letters, digits, '-', '_' or '.'; got '{name}'.", nameof(name));
        }

        Name = name.ToLowerInvariant();
        Dimension = dimension;
        Metric = metric;
    }

    /// <summary>The space's name, lower case.</summary>
    public string Name { get; }

    /// <summary>Components per vector.</summary>
    public int Dimension { get; }

    /// <summary>The metric of the space's index.</summary>
    public DistanceMetric Metric { get; }

    /// <summary>Whether <paramref name="name"/> is a valid space name.</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
