namespace MultiModal.Matching.Attributes;

/// <summary>
/// The attribute columns of a collection, one per declared field, indexed by internal item id.
/// Not thread-safe by itself: the collection writes it under its write lock and reads it under its read lock.
/// </summary>
internal sealed class AttributeTable
{
    private readonly Dictionary<string, AttributeColumn> _columns = new(StringComparer.Ordinal);

    public AttributeTable(IEnumerable<AttributeField> fields)
    {
        foreach (AttributeField field in fields)
        {
            _columns.Add(field.Name, AttributeColumn.Create(field));
        }
    }

    public IEnumerable<AttributeColumn> Columns => _columns.Values;

    /// <summary>The column of a declared field.</summary>
    /// <exception cref="ArgumentException">The schema declares no such field.</exception>
    public AttributeColumn Column(string name) =>
        _columns.TryGetValue(name, out AttributeColumn? column)
            ? column
            : throw new ArgumentException(
                $"Unknown attribute field '{name}'. The schema declares: {(_columns.Count == 0 ? "no fields" : string.Join(", ", _columns.Keys))}.");

    /// <summary>Checks every value against the schema before anything is written.</summary>
    /// <exception cref="ArgumentException">A field is unknown or a value has the wrong type.</exception>
    public void Validate(IReadOnlyDictionary<string, AttributeValue> values)
    {
        foreach (var (name, value) in values)
        {
            Column(name).ThrowIfIncompatible(value, name);
        }
    }

    /// <summary>Stores an item's values (validated already), clearing fields it does not set.</summary>
    public void Write(int id, IReadOnlyDictionary<string, AttributeValue> values)
    {
        foreach (AttributeColumn column in _columns.Values)
        {
            column.EnsureCapacity(id + 1);
            if (values.TryGetValue(column.Field.Name, out AttributeValue value))
            {
                column.Set(id, value);
            }
            else
            {
                column.Clear(id);
            }
        }
    }

    public void Clear(int id)
    {
        foreach (AttributeColumn column in _columns.Values)
        {
            if (column.Has(id))
            {
                column.Clear(id);
            }
        }
    }

    /// <summary>The values an item has.</summary>
    public Dictionary<string, AttributeValue> Read(int id)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (AttributeColumn column in _columns.Values)
        {
            if (column.Has(id))
            {
                result.Add(column.Field.Name, column.Get(id));
            }
        }

        return result;
    }
}
