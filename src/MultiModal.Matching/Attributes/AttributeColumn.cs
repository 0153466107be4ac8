namespace MultiModal.Matching.Attributes;

/// <summary>
/// One attribute field's values, indexed by internal item id. Columns are written under the
/// collection's write lock and read (by compiled filters) under its read lock.
/// </summary>
internal abstract class AttributeColumn
{
    protected AttributeColumn(AttributeField field) => Field = field;

    public AttributeField Field { get; }

    public abstract void EnsureCapacity(int ids);

    public abstract bool Has(int id);

    public abstract AttributeValue Get(int id);

    /// <summary>Stores a value; the caller has checked it with <see cref="ThrowIfIncompatible"/>.</summary>
    public abstract void Set(int id, AttributeValue value);

    public abstract void Clear(int id);

    public abstract FilterNode CompileIn(AttributeValue[] values);

    public virtual FilterNode CompileRange(string field, double min, bool minInclusive, double max, bool maxInclusive) =>
        throw new ArgumentException($"Attribute field '{field}' is a {Field.Type}; ranges apply only to Number and Integer fields.");

    /// <summary>Whether a value may be stored in (or compared with) this column.</summary>
    public void ThrowIfIncompatible(AttributeValue value, string field)
    {
        bool ok = Field.Type == value.Type || (Field.Type == AttributeType.Number && value.Type == AttributeType.Integer);
        if (!ok)
        {
            throw new ArgumentException($"Attribute field '{field}' is a {Field.Type}; the value {value} is a {value.Type}.");
        }
    }

    public static AttributeColumn Create(AttributeField field) => field.Type switch
    {
        AttributeType.Number => new NumberColumn(field),
        AttributeType.Integer => new IntegerColumn(field),
        AttributeType.String => new StringColumn(field),
        _ => new BooleanColumn(field),
    };

    protected static T[] Grow<T>(T[] array, int ids, T fill)
    {
        if (array.Length >= ids)
        {
            return array;
        }

        int size = Math.Max(ids, Math.Max(16, array.Length * 2));
        var grown = new T[size];
        array.CopyTo(grown, 0);
        grown.AsSpan(array.Length).Fill(fill);
        return grown;
    }
}

/// <summary>Doubles; NaN marks "no value" (stored numbers are finite).</summary>
internal sealed class NumberColumn(AttributeField field) : AttributeColumn(field)
{
    public double[] Values { get; private set; } = [];

    public override void EnsureCapacity(int ids) => Values = Grow(Values, ids, double.NaN);

    public override bool Has(int id) => (uint)id < (uint)Values.Length && !double.IsNaN(Values[id]);

    public override AttributeValue Get(int id) => AttributeValue.FromNumber(Values[id]);

    public override void Set(int id, AttributeValue value) => Values[id] = value.AsNumber;

    public override void Clear(int id) => Values[id] = double.NaN;

    public override FilterNode CompileIn(AttributeValue[] values) =>
        new NumberSetNode(this, [.. values.Select(v => v.AsNumber)]);

    public override FilterNode CompileRange(string field, double min, bool minInclusive, double max, bool maxInclusive) =>
        new NumberRangeNode(this, min, minInclusive, max, maxInclusive);
}

/// <summary>Longs with a presence flag.</summary>
internal sealed class IntegerColumn(AttributeField field) : AttributeColumn(field)
{
    public long[] Values { get; private set; } = [];

    public bool[] Present { get; private set; } = [];

    public override void EnsureCapacity(int ids)
    {
        Values = Grow(Values, ids, 0L);
        Present = Grow(Present, ids, false);
    }

    public override bool Has(int id) => (uint)id < (uint)Present.Length && Present[id];

    public override AttributeValue Get(int id) => AttributeValue.FromInteger(Values[id]);

    public override void Set(int id, AttributeValue value)
    {
        Values[id] = value.AsInteger;
        Present[id] = true;
    }

    public override void Clear(int id) => Present[id] = false;

    public override FilterNode CompileIn(AttributeValue[] values) =>
        new IntegerSetNode(this, [.. values.Select(v => v.AsInteger)]);

    public override FilterNode CompileRange(string field, double min, bool minInclusive, double max, bool maxInclusive) =>
        new IntegerRangeNode(this, min, minInclusive, max, maxInclusive);
}

/// <summary>Strings interned to codes; −1 marks "no value".</summary>
internal sealed class StringColumn(AttributeField field) : AttributeColumn(field)
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    public int[] Codes { get; private set; } = [];

    public override void EnsureCapacity(int ids) => Codes = Grow(Codes, ids, -1);

    public override bool Has(int id) => (uint)id < (uint)Codes.Length && Codes[id] >= 0;

    public override AttributeValue Get(int id) => AttributeValue.FromString(_strings[Codes[id]]);

    public override void Set(int id, AttributeValue value)
    {
        string s = value.AsString;
        if (!_codes.TryGetValue(s, out int code))
        {
            code = _strings.Count;
            _strings.Add(s);
            _codes.Add(s, code);
        }

        Codes[id] = code;
    }

    public override void Clear(int id) => Codes[id] = -1;

    /// <summary>Strings never stored match nothing, so they compile to no code at all.</summary>
    public override FilterNode CompileIn(AttributeValue[] values)
    {
        var codes = new HashSet<int>();
        foreach (AttributeValue v in values)
        {
            if (_codes.TryGetValue(v.AsString, out int code))
            {
                codes.Add(code);
            }
        }

        return new StringSetNode(this, codes);
    }
}

/// <summary>0 = no value, 1 = false, 2 = true.</summary>
internal sealed class BooleanColumn(AttributeField field) : AttributeColumn(field)
{
    public byte[] Values { get; private set; } = [];

    public override void EnsureCapacity(int ids) => Values = Grow(Values, ids, (byte)0);

    public override bool Has(int id) => (uint)id < (uint)Values.Length && Values[id] != 0;

    public override AttributeValue Get(int id) => AttributeValue.FromBoolean(Values[id] == 2);

    public override void Set(int id, AttributeValue value) => Values[id] = value.AsBoolean ? (byte)2 : (byte)1;

    public override void Clear(int id) => Values[id] = 0;

    public override FilterNode CompileIn(AttributeValue[] values)
    {
        bool wantTrue = false, wantFalse = false;
        foreach (AttributeValue v in values)
        {
            wantTrue |= v.AsBoolean;
            wantFalse |= !v.AsBoolean;
        }

        return new BooleanNode(this, wantTrue, wantFalse);
    }
}
