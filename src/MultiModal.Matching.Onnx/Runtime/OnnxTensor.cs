using System.Buffers;

namespace MultiModal.Matching.Onnx.Runtime;

/// <summary>
/// A named tensor over caller-owned memory: a model input, or (for <see cref="OnnxSession.RunInto"/>) an output
/// buffer ONNX Runtime writes into. The memory is pinned only while a run uses it; nothing is copied.
/// </summary>
internal abstract class OnnxTensor
{
    private protected OnnxTensor(string name, OnnxElementType elementType, long[] shape, int elementCount, int elementSize)
    {
        Name = name;
        ElementType = elementType;
        Shape = shape;
        ElementCount = elementCount;
        ByteLength = checked(elementCount * elementSize);
    }

    /// <summary>The model input or output name.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The dimensions.</summary>
    public long[] Shape { get; }

    /// <summary>The number of elements in the memory.</summary>
    public int ElementCount { get; }

    /// <summary>The memory's length in bytes.</summary>
    public int ByteLength { get; }

    /// <summary>Creates a tensor over <paramref name="data"/> with <paramref name="shape"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The model input or output name.</param>
    /// <param name="data">The elements, row-major; its length must be the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions (copied).</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="OnnxInputShapeException">The length does not match the shape, or a dimension is negative.</exception>
    public static OnnxTensor<T> Create<T>(string name, Memory<T> data, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        long product = 1;
        foreach (long d in shape)
        {
            if (d < 0)
            {
                throw new OnnxInputShapeException(name, $"Tensor '{name}' has a negative dimension in [{string.Join(", ", shape.ToArray())}].");
            }

            product *= d;
        }

        if (product != data.Length)
        {
            throw new OnnxInputShapeException(name, $"Tensor '{name}' has shape [{string.Join(", ", shape.ToArray())}] ({product} elements) but {data.Length} elements of data.");
        }

        return new OnnxTensor<T>(name, data, shape.ToArray());
    }

    /// <summary>Creates a read-only input tensor.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The model input name.</param>
    /// <param name="data">The elements, row-major (never written).</param>
    /// <param name="shape">The dimensions (copied).</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="OnnxInputShapeException">The length does not match the shape.</exception>
    public static OnnxTensor<T> Create<T>(string name, ReadOnlyMemory<T> data, ReadOnlySpan<long> shape)
        where T : unmanaged
        => Create(name, System.Runtime.InteropServices.MemoryMarshal.AsMemory(data), shape);

    /// <summary>Pins the memory for the duration of a run.</summary>
    /// <returns>The pin; dispose it after the run.</returns>
    internal abstract MemoryHandle Pin();
}
