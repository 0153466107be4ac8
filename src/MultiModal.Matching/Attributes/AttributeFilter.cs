namespace MultiModal.Matching.Attributes;

/// <summary>
/// A condition over an item's attributes: equality, ranges, sets, presence, and their
/// combinations with <c>&amp;</c>, <c>|</c> and <c>!</c>. A collection compiles a filter against
/// its schema and applies it <em>inside</em> the index search, so a filtered search returns k
/// results whenever at least k live items match.
/// </summary>
/// <example>
/// <code>
/// var filter = AttributeFilter.Equal("category", "lamp")
///            &amp; AttributeFilter.Between("price", 10, 100)
///            &amp; !AttributeFilter.Equal("discontinued", true);
/// </code>
/// </example>
/// <remarks>
/// Filters are immutable and thread-safe. An item without a value for a field fails every condition on
/// that field except <see cref="Not"/> of it. Strings compare ordinally; an integer field compares
/// exactly, a number field compares as <see cref="double"/>.
/// </remarks>
public abstract class AttributeFilter
{
    private protected AttributeFilter()
    {
    }

    /// <summary>The field equals the value.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value; its type must suit the field's.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name.</exception>
    public static AttributeFilter Equal(string field, AttributeValue value) => new InFilter(field, [value]);

    /// <summary>The field equals one of the values.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="values">At least one value; each type must suit the field's.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name, or <paramref name="values"/> is empty.</exception>
    public static AttributeFilter In(string field, params IEnumerable<AttributeValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        AttributeValue[] copy = [.. values];
        if (copy.Length == 0)
        {
            throw new ArgumentException("An In filter needs at least one value.", nameof(values));
        }

        return new InFilter(field, copy);
    }

    /// <summary>The numeric field lies in [<paramref name="min"/>, <paramref name="max"/>] (both inclusive).</summary>
    /// <param name="field">The name of a <see cref="AttributeType.Number"/> or <see cref="AttributeType.Integer"/> field.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN, or <paramref name="min"/> exceeds <paramref name="max"/>.</exception>
    public static AttributeFilter Between(string field, double min, double max)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(min, max);
        return new RangeFilter(field, min, true, max, true);
    }

    /// <summary>The numeric field is greater than the bound.</summary>
    /// <param name="field">The name of a numeric field.</param>
    /// <param name="bound">The exclusive lower bound.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is NaN.</exception>
    public static AttributeFilter GreaterThan(string field, double bound) => new RangeFilter(field, bound, false, double.PositiveInfinity, true);

    /// <summary>The numeric field is at least the bound.</summary>
    /// <param name="field">The name of a numeric field.</param>
    /// <param name="bound">The inclusive lower bound.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is NaN.</exception>
    public static AttributeFilter AtLeast(string field, double bound) => new RangeFilter(field, bound, true, double.PositiveInfinity, true);

    /// <summary>The numeric field is less than the bound.</summary>
    /// <param name="field">The name of a numeric field.</param>
    /// <param name="bound">The exclusive upper bound.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is NaN.</exception>
    public static AttributeFilter LessThan(string field, double bound) => new RangeFilter(field, double.NegativeInfinity, true, bound, false);

    /// <summary>The numeric field is at most the bound.</summary>
    /// <param name="field">The name of a numeric field.</param>
    /// <param name="bound">The inclusive upper bound.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is NaN.</exception>
    public static AttributeFilter AtMost(string field, double bound) => new RangeFilter(field, double.NegativeInfinity, true, bound, true);

    /// <summary>The item has a value for the field.</summary>
    /// <param name="field">The field's name.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a valid name.</exception>
    public static AttributeFilter Exists(string field) => new ExistsFilter(field);

    /// <summary>Both conditions hold.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException">A condition is null.</exception>
    public static AttributeFilter And(AttributeFilter left, AttributeFilter right) => new AndFilter(left, right);

    /// <summary>At least one condition holds.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException">A condition is null.</exception>
    public static AttributeFilter Or(AttributeFilter left, AttributeFilter right) => new OrFilter(left, right);

    /// <summary>The condition does not hold.</summary>
    /// <param name="filter">The condition.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is null.</exception>
    public static AttributeFilter Not(AttributeFilter filter) => new NotFilter(filter);

    /// <summary>Both conditions hold.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The filter.</returns>
    public static AttributeFilter operator &(AttributeFilter left, AttributeFilter right) => And(left, right);

    /// <summary>At least one condition holds.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The filter.</returns>
    public static AttributeFilter operator |(AttributeFilter left, AttributeFilter right) => Or(left, right);

    /// <summary>The condition does not hold.</summary>
    /// <param name="filter">The condition.</param>
    /// <returns>The filter.</returns>
    public static AttributeFilter operator !(AttributeFilter filter) => Not(filter);

    /// <summary>Binds the filter to a table's columns, checking every field and value type.</summary>
    internal abstract FilterNode Compile(AttributeTable table);
}
