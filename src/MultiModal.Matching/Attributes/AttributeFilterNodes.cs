namespace MultiModal.Matching.Attributes;

/// <summary><c>field ∈ values</c> (equality is the one-value case).</summary>
internal sealed class InFilter : AttributeFilter
{
    private readonly string _field;
    private readonly AttributeValue[] _values;

    public InFilter(string field, AttributeValue[] values)
    {
        AttributeField.ThrowIfInvalidName(field, nameof(field));
        _field = field;
        _values = values;
    }

    internal override FilterNode Compile(AttributeTable table)
    {
        AttributeColumn column = table.Column(_field);
        foreach (AttributeValue value in _values)
        {
            column.ThrowIfIncompatible(value, _field);
        }

        return column.CompileIn(_values);
    }

    public override string ToString() => _values.Length == 1 ? $"{_field} == {_values[0]}" : $"{_field} in [{string.Join(", ", _values)}]";
}

/// <summary><c>min ≤ field ≤ max</c> with either bound inclusive or exclusive.</summary>
internal sealed class RangeFilter : AttributeFilter
{
    private readonly string _field;
    private readonly double _min;
    private readonly bool _minInclusive;
    private readonly double _max;
    private readonly bool _maxInclusive;

    public RangeFilter(string field, double min, bool minInclusive, double max, bool maxInclusive)
    {
        AttributeField.ThrowIfInvalidName(field, nameof(field));
        if (double.IsNaN(min) || double.IsNaN(max))
        {
            throw new ArgumentOutOfRangeException(double.IsNaN(min) ? nameof(min) : nameof(max), "A range bound must not be NaN.");
        }

        _field = field;
        _min = min;
        _minInclusive = minInclusive;
        _max = max;
        _maxInclusive = maxInclusive;
    }

    internal override FilterNode Compile(AttributeTable table) =>
        table.Column(_field).CompileRange(_field, _min, _minInclusive, _max, _maxInclusive);

    public override string ToString() => $"{_min}{(_minInclusive ? " <= " : " < ")}{_field}{(_maxInclusive ? " <= " : " < ")}{_max}";
}

/// <summary>The item has a value for the field.</summary>
internal sealed class ExistsFilter : AttributeFilter
{
    private readonly string _field;

    public ExistsFilter(string field)
    {
        AttributeField.ThrowIfInvalidName(field, nameof(field));
        _field = field;
    }

    internal override FilterNode Compile(AttributeTable table) => new ExistsNode(table.Column(_field));

    public override string ToString() => $"exists({_field})";
}

/// <summary>Both sides hold.</summary>
internal sealed class AndFilter : AttributeFilter
{
    private readonly AttributeFilter _left;
    private readonly AttributeFilter _right;

    public AndFilter(AttributeFilter left, AttributeFilter right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        _left = left;
        _right = right;
    }

    internal override FilterNode Compile(AttributeTable table) => new AndNode(_left.Compile(table), _right.Compile(table));

    public override string ToString() => $"({_left} && {_right})";
}

/// <summary>At least one side holds.</summary>
internal sealed class OrFilter : AttributeFilter
{
    private readonly AttributeFilter _left;
    private readonly AttributeFilter _right;

    public OrFilter(AttributeFilter left, AttributeFilter right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        _left = left;
        _right = right;
    }

    internal override FilterNode Compile(AttributeTable table) => new OrNode(_left.Compile(table), _right.Compile(table));

    public override string ToString() => $"({_left} || {_right})";
}

/// <summary>The inner condition does not hold.</summary>
internal sealed class NotFilter : AttributeFilter
{
    private readonly AttributeFilter _inner;

    public NotFilter(AttributeFilter inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    internal override FilterNode Compile(AttributeTable table) => new NotNode(_inner.Compile(table));

    public override string ToString() => $"!{_inner}";
}
