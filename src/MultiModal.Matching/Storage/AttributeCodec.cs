
using MultiModal.Matching.Attributes;

namespace MultiModal.Matching.Storage;

/// <summary>
/// The typed key/value encoding of an item's attributes, shared by segments and log records:
/// u16 count, then per attribute u16 name length, UTF-8 name, u8 kind (1 string, 2 integer,
/// 3 number, 4 Boolean), and the value (string: i32 length + UTF-8; integer: i64; number: f64;
/// Boolean: 1 byte).
/// </summary>
internal static class AttributeCodec
{
    private const byte StringKind = 1;
    private const byte IntegerKind = 2;
    private const byte NumberKind = 3;
    private const byte BooleanKind = 4;

    /// <summary>An item has at most this many attributes.</summary>
    public const int MaxAttributes = ushort.MaxValue;

    /// <summary>Attribute names have at most this many UTF-8 bytes.</summary>
    public const int MaxNameBytes = 1024;

    /// <summary>No attributes.</summary>
    public static IReadOnlyList<KeyValuePair<string, AttributeValue>> Empty { get; } = [];

    /// <summary>Validates attributes at the public door: names non-empty, unique, short; string values non-null.</summary>
    /// <exception cref="ArgumentException">An attribute is invalid.</exception>
    public static void Validate(IReadOnlyList<KeyValuePair<string, AttributeValue>> attributes, string paramName)
    {
        if (attributes.Count > MaxAttributes)
        {
            throw new ArgumentException($"An item has at most {MaxAttributes} attributes; got {attributes.Count}.", paramName);
        }

        for (int i = 0; i < attributes.Count; i++)
        {
            string name = attributes[i].Key;
            if (string.IsNullOrEmpty(name) || System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
            {
                throw new ArgumentException($"Attribute names must be 1 to {MaxNameBytes} UTF-8 bytes long.", paramName);
            }

            if (!Enum.IsDefined(attributes[i].Value.Type))
            {
                throw new ArgumentException($"Attribute '{name}' has no value.", paramName);
            }

            for (int j = 0; j < i; j++)
            {
                if (string.Equals(attributes[j].Key, name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Attribute '{name}' is given twice.", paramName);
                }
            }
        }
    }

    /// <summary>Appends the encoding of validated attributes.</summary>
    public static void Encode(IReadOnlyList<KeyValuePair<string, AttributeValue>> attributes, ByteBuffer buffer)
    {
        buffer.WriteUInt16((ushort)attributes.Count);
        foreach (KeyValuePair<string, AttributeValue> pair in attributes)
        {
            buffer.WriteUtf8(pair.Key, wideLength: false);
            AttributeValue value = pair.Value;
            switch (value.Type)
            {
                case AttributeType.String:
                    buffer.WriteByte(StringKind);
                    buffer.WriteUtf8(value.AsString, wideLength: true);
                    break;
                case AttributeType.Integer:
                    buffer.WriteByte(IntegerKind);
                    buffer.WriteInt64(value.AsInteger);
                    break;
                case AttributeType.Number:
                    buffer.WriteByte(NumberKind);
                    buffer.WriteDouble(value.AsNumber);
                    break;
                default:
                    buffer.WriteByte(BooleanKind);
                    buffer.WriteByte(value.AsBoolean ? (byte)1 : (byte)0);
                    break;
            }
        }
    }

    /// <summary>Decodes one attribute record; malformed bytes raise <see cref="CorruptIndexException"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, AttributeValue>> Decode(ref SpanReader reader)
    {
        int count = reader.ReadUInt16();
        if (count == 0)
        {
            return Empty;
        }

        var result = new KeyValuePair<string, AttributeValue>[count];
        for (int i = 0; i < count; i++)
        {
            int nameLength = reader.ReadUInt16();
            if (nameLength is 0 or > MaxNameBytes)
            {
                throw reader.Invalid("attribute name length", $"{nameLength} bytes");
            }

            string name = reader.ReadUtf8(nameLength);
            byte kind = reader.ReadByte();
            AttributeValue value = kind switch
            {
                StringKind => AttributeValue.FromString(reader.ReadUtf8(reader.ReadInt32())),
                IntegerKind => AttributeValue.FromInteger(reader.ReadInt64()),
                NumberKind => ReadNumber(ref reader),
                BooleanKind => AttributeValue.FromBoolean(reader.ReadByte() != 0),
                _ => throw reader.Invalid("attribute kind", $"kind {kind}"),
            };
            result[i] = new KeyValuePair<string, AttributeValue>(name, value);
        }

        return result;
    }

    private static AttributeValue ReadNumber(ref SpanReader reader)
    {
        double number = reader.ReadDouble();
        return double.IsFinite(number) ? AttributeValue.FromNumber(number) : throw reader.Invalid("attribute number", $"{number}");
    }
}
