using System.Globalization;
using System.Text.Json;
using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Media.Encoders;

/// <summary>
/// Encodes table rows (column name → value) as one vector: each numeric column becomes its z-score
/// (x − mean)/std fitted on data, clipped to ±8; each categorical column becomes a one-hot block over the
/// categories seen when fitting (the most frequent up to a limit); blocks are multiplied by their column weights
/// and the whole vector is L2-normalised (unless disabled). Fit once with <see cref="Fit"/>, then persist with
/// <see cref="Save"/> / <see cref="Load"/> (JSON).
/// </summary>
/// <remarks>
/// <para>Values: numeric columns accept any .NET number, bool (1/0) or an invariant-culture numeric string; a missing,
/// null or NaN value is imputed with the mean (z = 0). Categorical columns accept strings (other values are formatted
/// with the invariant culture), compared ordinally; a missing, null or unseen category encodes as all zeros.
/// Columns a row has but the encoder does not know are ignored.</para>
/// <para>What it captures: closeness of numbers on each column's own scale and equality of categories. What it
/// cannot: interactions between columns, order among categories, distances within a category set (all different
/// categories are equally far apart), or anything about columns not fitted.</para>
/// Deterministic. Immutable and thread-safe.
/// </remarks>
public sealed class TabularEncoder : EncoderBase<IReadOnlyDictionary<string, object?>>
{
    private const int CurrentFormatVersion = 1;
    private const float ClipZ = 8f;

    private readonly TabularEncoderState _state;
    private readonly Dictionary<string, int>[] _categoryIndex;
    private readonly int[] _offsets;

    private TabularEncoder(TabularEncoderState state, int dimension, byte[] canonicalJson)
        : base(Modality.Tabular, dimension, EncoderIdentity.Create("mmm.tabular.standard-onehot", "1", canonicalJson))
    {
        _state = state;
        _offsets = new int[state.Columns.Count];
        _categoryIndex = new Dictionary<string, int>[state.Columns.Count];
        int offset = 0;
        for (int c = 0; c < state.Columns.Count; c++)
        {
            _offsets[c] = offset;
            TabularColumnState column = state.Columns[c];
            if (column.Kind == TabularColumnKind.Categorical)
            {
                _categoryIndex[c] = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int k = 0; k < column.Categories!.Count; k++)
                {
                    _categoryIndex[c][column.Categories[k]] = k;
                }

                offset += column.Categories.Count;
            }
            else
            {
                _categoryIndex[c] = [];
                offset++;
            }
        }
    }

    /// <summary>The fitted columns' names, in vector order.</summary>
    public IReadOnlyList<string> ColumnNames => _state.Columns.Select(c => c.Name).ToArray();

    /// <summary>Fits column statistics and category sets on rows.</summary>
    /// <param name="rows">The training rows (at least 1).</param>
    /// <param name="columns">The columns to encode, with distinct names (at least 1).</param>
    /// <param name="normalize">Whether to L2-normalise the output (default true, for cosine search).</param>
    /// <returns>The fitted encoder.</returns>
    /// <exception cref="ArgumentNullException">An argument or a row is null.</exception>
    /// <exception cref="ArgumentException">No rows or columns, duplicate names, a categorical column with no values, or a numeric value that is not a number.</exception>
    public static TabularEncoder Fit(IEnumerable<IReadOnlyDictionary<string, object?>> rows, IEnumerable<TabularColumn> columns, bool normalize = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        TabularColumn[] cols = columns.ToArray();
        if (cols.Length == 0 || cols.Any(c => c is null))
        {
            throw new ArgumentException("At least one (non-null) column is needed.", nameof(columns));
        }

        if (cols.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != cols.Length)
        {
            throw new ArgumentException("Column names must be distinct.", nameof(columns));
        }

        var sums = new double[cols.Length];
        var squares = new double[cols.Length];
        var present = new long[cols.Length];
        var counts = cols.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        long rowCount = 0;
        foreach (IReadOnlyDictionary<string, object?> row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            rowCount++;
            for (int c = 0; c < cols.Length; c++)
            {
                row.TryGetValue(cols[c].Name, out object? value);
                if (cols[c].Kind == TabularColumnKind.Numeric)
                {
                    double x = ToNumber(value, cols[c].Name);
                    if (!double.IsNaN(x))
                    {
                        sums[c] += x;
                        squares[c] += x * x;
                        present[c]++;
                    }
                }
                else if (ToCategory(value) is string category)
                {
                    counts[c][category] = counts[c].GetValueOrDefault(category) + 1;
                }
            }
        }

        if (rowCount == 0)
        {
            throw new ArgumentException("At least one row is needed.", nameof(rows));
        }

        var state = new TabularEncoderState { FormatVersion = CurrentFormatVersion, Normalize = normalize };
        for (int c = 0; c < cols.Length; c++)
        {
            var column = new TabularColumnState { Name = cols[c].Name, Kind = cols[c].Kind, Weight = cols[c].Weight };
            if (cols[c].Kind == TabularColumnKind.Numeric)
            {
                double mean = present[c] == 0 ? 0 : sums[c] / present[c];
                column.Mean = mean;
                column.StandardDeviation = present[c] == 0 ? 0 : Math.Sqrt(Math.Max(0, (squares[c] / present[c]) - (mean * mean)));
            }
            else
            {
                if (counts[c].Count == 0)
                {
                    throw new ArgumentException($"Categorical column '{cols[c].Name}' has no values in the rows.", nameof(rows));
                }

                column.Categories = counts[c].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                    .Take(cols[c].MaxCategories).Select(p => p.Key).ToList();
            }

            state.Columns.Add(column);
        }

        return FromState(state);
    }

    /// <summary>Writes the fitted state as UTF-8 JSON.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IOException">Writing failed.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, _state, TabularJsonContext.Default.TabularEncoderState);
    }

    /// <summary>Reads an encoder written by <see cref="Save"/>; the result has the same identity and output.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The content is not a valid saved tabular encoder.</exception>
    public static TabularEncoder Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TabularEncoderState? state;
        try
        {
            state = JsonSerializer.Deserialize(stream, TabularJsonContext.Default.TabularEncoderState);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Invalid tabular encoder JSON: {e.Message}", e);
        }

        Validate(state);
        return FromState(state!);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A numeric column holds a value that is not a number.</exception>
    protected override void EncodeCore(IReadOnlyDictionary<string, object?> input, Span<float> destination)
    {
        destination.Clear();
        for (int c = 0; c < _state.Columns.Count; c++)
        {
            TabularColumnState column = _state.Columns[c];
            input.TryGetValue(column.Name, out object? value);
            if (column.Kind == TabularColumnKind.Numeric)
            {
                double x = ToNumber(value, column.Name);
                double z = double.IsNaN(x) || column.StandardDeviation <= 0 ? 0 : (x - column.Mean) / column.StandardDeviation;
                destination[_offsets[c]] = column.Weight * (float)Math.Clamp(z, -ClipZ, ClipZ);
            }
            else if (ToCategory(value) is string category && _categoryIndex[c].TryGetValue(category, out int k))
            {
                destination[_offsets[c] + k] = column.Weight;
            }
        }

        if (_state.Normalize)
        {
            Numerics.VectorKernels.NormalizeInPlace(destination);
        }
    }

    private static TabularEncoder FromState(TabularEncoderState state)
    {
        int dimension = state.Columns.Sum(c => c.Kind == TabularColumnKind.Numeric ? 1 : c.Categories!.Count);
        byte[] canonical = JsonSerializer.SerializeToUtf8Bytes(state, TabularJsonContext.Default.TabularEncoderState);
        return new TabularEncoder(state, dimension, canonical);
    }

    private static void Validate(TabularEncoderState? state)
    {
        static InvalidDataException Bad(string what) => new($"Invalid tabular encoder JSON: {what}.");
        if (state is null)
        {
            throw Bad("the document is null");
        }

        if (state.FormatVersion != CurrentFormatVersion)
        {
            throw Bad($"format version {state.FormatVersion} is not {CurrentFormatVersion}");
        }

        if (state.Columns is null || state.Columns.Count == 0)
        {
            throw Bad("there are no columns");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TabularColumnState c in state.Columns)
        {
            if (c is null || string.IsNullOrWhiteSpace(c.Name) || !names.Add(c.Name))
            {
                throw Bad("a column is null, unnamed or duplicated");
            }

            if (!float.IsFinite(c.Weight) || c.Weight <= 0 || !double.IsFinite(c.Mean) || !double.IsFinite(c.StandardDeviation) || c.StandardDeviation < 0)
            {
                throw Bad($"column '{c.Name}' has an invalid weight or statistics");
            }

            bool categorical = c.Kind == TabularColumnKind.Categorical;
            if (!Enum.IsDefined(c.Kind) || categorical != (c.Categories is not null) ||
                (categorical && (c.Categories!.Count is 0 or > 4096 || c.Categories.Any(x => x is null) ||
                                 c.Categories.Distinct(StringComparer.Ordinal).Count() != c.Categories.Count)))
            {
                throw Bad($"column '{c.Name}' has an invalid kind or category list");
            }
        }
    }

    private static double ToNumber(object? value, string column) => value switch
    {
        null or DBNull => double.NaN,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        decimal m => (double)m,
        bool flag => flag ? 1 : 0,
        string text when text.Length == 0 => double.NaN,
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        _ => throw new ArgumentException($"Column '{column}' is numeric, but the value '{value}' is not a number."),
    } is var x && double.IsInfinity(x) ? double.NaN : x;

    private static string? ToCategory(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
