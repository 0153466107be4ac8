using System.Buffers;

namespace MultiModal.Matching.Onnx.Runtime;

/// <summary>A named tensor of <typeparamref name="T"/> over caller-owned memory.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed unsafe class OnnxTensor<T> : OnnxTensor
    where T : unmanaged
{
    internal OnnxTensor(string name, Memory<T> data, long[] shape)
        : base(name, OnnxElementTypes.Of<T>(), shape, data.Length, sizeof(T))
    {
        Data = data;
    }

    /// <summary>The elements.</summary>
    public Memory<T> Data { get; }

    /// <inheritdoc/>
    internal override MemoryHandle Pin() => Data.Pin();
}
