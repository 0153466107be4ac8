namespace MultiModal.Matching.Media.Encoders;

/// <summary>The kind of a tabular column.</summary>
public enum TabularColumnKind
{
    /// <summary>A number, standardised to a z-score.</summary>
    Numeric,

    /// <summary>A category, one-hot encoded over the categories seen when fitting.</summary>
    Categorical,
}

/// <summary>Describes one column for <see cref="TabularEncoder.Fit"/>. Immutable and thread-safe.</summary>
public sealed class TabularColumn
{
    private TabularColumn(string name, TabularColumnKind kind, float weight, int maxCategories)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!float.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A column weight must be positive and finite.");
        }

        Name = name;
        Kind = kind;
        Weight = weight;
        MaxCategories = maxCategories;
    }

    /// <summary>The column's name (the key in each row), compared ordinally.</summary>
    public string Name { get; }

    /// <summary>Numeric or categorical.</summary>
    public TabularColumnKind Kind { get; }

    /// <summary>The factor applied to the column's block before normalisation.</summary>
    public float Weight { get; }

    /// <summary>For categorical columns, the most categories kept (the most frequent); 0 for numeric columns.</summary>
    public int MaxCategories { get; }

    /// <summary>A numeric column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="weight">The block weight (default 1).</param>
    /// <returns>The column description.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not positive and finite.</exception>
    public static TabularColumn Numeric(string name, float weight = 1f) => new(name, TabularColumnKind.Numeric, weight, 0);

    /// <summary>A categorical column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="maxCategories">The most categories kept, 1 to 4096 (default 64); rarer ones encode as all zeros.</param>
    /// <param name="weight">The block weight (default 1).</param>
    /// <returns>The column description.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCategories"/> or <paramref name="weight"/> is out of range.</exception>
    public static TabularColumn Categorical(string name, int maxCategories = 64, float weight = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCategories, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCategories, 4096);
        return new(name, TabularColumnKind.Categorical, weight, maxCategories);
    }
}
