namespace MultiModal.Matching.Onnx.Runtime;

/// <summary>Maps CLR element types to <see cref="OnnxElementType"/>.</summary>
internal static class OnnxElementTypes
{
    /// <summary>The ONNX element type of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A primitive element type.</typeparam>
    /// <returns>The ONNX type.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> has no ONNX counterpart here.</exception>
    public static OnnxElementType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) { return OnnxElementType.Float; }
        if (typeof(T) == typeof(long)) { return OnnxElementType.Int64; }
        if (typeof(T) == typeof(int)) { return OnnxElementType.Int32; }
        if (typeof(T) == typeof(bool)) { return OnnxElementType.Bool; }
        if (typeof(T) == typeof(byte)) { return OnnxElementType.UInt8; }
        if (typeof(T) == typeof(sbyte)) { return OnnxElementType.Int8; }
        if (typeof(T) == typeof(short)) { return OnnxElementType.Int16; }
        if (typeof(T) == typeof(ushort)) { return OnnxElementType.UInt16; }
        if (typeof(T) == typeof(double)) { return OnnxElementType.Double; }
        if (typeof(T) == typeof(Half)) { return OnnxElementType.Float16; }
        if (typeof(T) == typeof(uint)) { return OnnxElementType.UInt32; }
        if (typeof(T) == typeof(ulong)) { return OnnxElementType.UInt64; }
        throw new NotSupportedException($"{typeof(T).Name} has no ONNX tensor element type here.");
    }
}
