namespace MultiModal.Matching.Attributes;

/// <summary>A compiled filter condition bound to a table's columns.</summary>
internal abstract class FilterNode
{
    /// <summary>Whether the item with this internal id satisfies the condition.</summary>
    public abstract bool Matches(int id);
}

internal sealed class NumberRangeNode(NumberColumn column, double min, bool minInclusive, double max, bool maxInclusive) : FilterNode
{
    public override bool Matches(int id)
    {
        double[] values = column.Values;
        if ((uint)id >= (uint)values.Length)
        {
            return false;
        }

        double v = values[id];
        return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
    }
}

internal sealed class IntegerRangeNode(IntegerColumn column, double min, bool minInclusive, double max, bool maxInclusive) : FilterNode
{
    public override bool Matches(int id)
    {
        if (!column.Has(id))
        {
            return false;
        }

        double v = column.Values[id];
        return (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
    }
}

internal sealed class NumberSetNode(NumberColumn column, HashSet<double> values) : FilterNode
{
    public override bool Matches(int id) => column.Has(id) && values.Contains(column.Values[id]);
}

internal sealed class IntegerSetNode(IntegerColumn column, HashSet<long> values) : FilterNode
{
    public override bool Matches(int id) => column.Has(id) && values.Contains(column.Values[id]);
}

internal sealed class StringSetNode(StringColumn column, HashSet<int> codes) : FilterNode
{
    public override bool Matches(int id) => column.Has(id) && codes.Contains(column.Codes[id]);
}

internal sealed class BooleanNode(BooleanColumn column, bool wantTrue, bool wantFalse) : FilterNode
{
    public override bool Matches(int id)
    {
        if (!column.Has(id))
        {
            return false;
        }

        return column.Values[id] == 2 ? wantTrue : wantFalse;
    }
}

internal sealed class ExistsNode(AttributeColumn column) : FilterNode
{
    public override bool Matches(int id) => column.Has(id);
}

internal sealed class AndNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(int id) => left.Matches(id) && right.Matches(id);
}

internal sealed class OrNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(int id) => left.Matches(id) || right.Matches(id);
}

internal sealed class NotNode(FilterNode inner) : FilterNode
{
    public override bool Matches(int id) => !inner.Matches(id);
}
