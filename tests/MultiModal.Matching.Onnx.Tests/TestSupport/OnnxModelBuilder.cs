namespace MultiModal.Matching.Onnx.Tests.TestSupport;

/// <summary>
/// Writes small ONNX models (ModelProto protobuf) by hand, so the tests can build models with known weights
/// and therefore known outputs. Only the fields these tests need are written.
/// </summary>
internal sealed class OnnxModelBuilder
{
    public const int Float = 1;
    public const int UInt8 = 2;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int Bool = 9;

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];

    /// <summary>Declares a graph input; a dimension is a long (fixed) or a string (symbolic).</summary>
    public OnnxModelBuilder Input(string name, int elementType, params object[] dims)
    {
        _inputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    /// <summary>Declares a graph output.</summary>
    public OnnxModelBuilder Output(string name, int elementType, params object[] dims)
    {
        _outputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    /// <summary>Adds a float initializer (a weight).</summary>
    public OnnxModelBuilder Weight(string name, long[] dims, float[] values)
    {
        var w = new ProtoWriter();
        foreach (long d in dims)
        {
            w.Varint(1, (ulong)d);
        }

        w.Varint(2, Float);
        w.String(8, name);
        byte[] raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        w.Bytes(9, raw);
        _initializers.Add(w.ToArray());
        return this;
    }

    /// <summary>Adds a node; attributes are (name, long) for INT, (name, long[]) for INTS or (name, string) for STRING.</summary>
    public OnnxModelBuilder Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var w = new ProtoWriter();
        foreach (string i in inputs)
        {
            w.String(1, i);
        }

        foreach (string o in outputs)
        {
            w.String(2, o);
        }

        w.String(3, opType + "_" + _nodes.Count);
        w.String(4, opType);
        foreach ((string name, object value) in attributes)
        {
            var a = new ProtoWriter();
            a.String(1, name);
            if (value is long[] ints)
            {
                foreach (long v in ints)
                {
                    a.Varint(8, (ulong)v);
                }

                a.Varint(20, 7);
            }
            else if (value is string text)
            {
                a.String(4, text);
                a.Varint(20, 3);
            }
            else
            {
                a.Varint(3, (ulong)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                a.Varint(20, 2);
            }

            w.Message(5, a);
        }

        _nodes.Add(w.ToArray());
        return this;
    }

    /// <summary>The serialised model.</summary>
    public byte[] Build(long opset = 13)
    {
        var graph = new ProtoWriter();
        foreach (byte[] n in _nodes)
        {
            graph.Bytes(1, n);
        }

        graph.String(2, "test_graph");
        foreach (byte[] i in _initializers)
        {
            graph.Bytes(5, i);
        }

        foreach (byte[] i in _inputs)
        {
            graph.Bytes(11, i);
        }

        foreach (byte[] o in _outputs)
        {
            graph.Bytes(12, o);
        }

        var opsetId = new ProtoWriter();
        opsetId.String(1, string.Empty);
        opsetId.Varint(2, (ulong)opset);

        var model = new ProtoWriter();
        model.Varint(1, 8); // IR version 8
        model.String(2, "MultiModal.Matching.Onnx.Tests");
        model.Message(7, graph);
        model.Message(8, opsetId);
        return model.ToArray();
    }

    /// <summary>Writes the model to a new temporary file and returns its path.</summary>
    public string WriteTemp(long opset = 13)
    {
        string path = Path.Combine(Path.GetTempPath(), "mmm-onnx-test-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.WriteAllBytes(path, Build(opset));
        return path;
    }

    private static byte[] ValueInfo(string name, int elementType, object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (object d in dims)
        {
            var dim = new ProtoWriter();
            if (d is string symbol)
            {
                dim.String(2, symbol);
            }
            else
            {
                dim.Varint(1, (ulong)Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture));
            }

            shape.Message(1, dim);
        }

        var tensor = new ProtoWriter();
        tensor.Varint(1, (ulong)elementType);
        tensor.Message(2, shape);
        var type = new ProtoWriter();
        type.Message(1, tensor);
        var info = new ProtoWriter();
        info.String(1, name);
        info.Message(2, type);
        return info.ToArray();
    }

    private sealed class ProtoWriter
    {
        private readonly MemoryStream _stream = new();

        public void Varint(int field, ulong value)
        {
            Raw(((ulong)field << 3) | 0);
            Raw(value);
        }

        public void String(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, byte[] value)
        {
            Raw(((ulong)field << 3) | 2);
            Raw((ulong)value.Length);
            _stream.Write(value);
        }

        public void Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

        public byte[] ToArray() => _stream.ToArray();

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _stream.WriteByte((byte)value);
        }
    }
}
