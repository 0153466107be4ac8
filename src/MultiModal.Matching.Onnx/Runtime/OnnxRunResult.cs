using MultiModal.Matching.Onnx.Interop;

namespace MultiModal.Matching.Onnx.Runtime;

/// <summary>
/// The outputs of one run, owned by ONNX Runtime and read in place (zero-copy): spans returned by
/// <see cref="GetData{T}"/> stay valid until this result is disposed. Not thread-safe.
/// </summary>
internal sealed unsafe class OnnxRunResult : IDisposable
{
    private readonly OrtApi _api;
    private readonly string[] _names;
    private readonly OrtValueHandle[] _values;

    internal OnnxRunResult(OrtApi api, string[] names, OrtValueHandle[] values)
    {
        _api = api;
        _names = names;
        _values = values;
    }

    /// <summary>The number of outputs.</summary>
    public int Count => _values.Length;

    /// <summary>The name of output <paramref name="index"/>.</summary>
    /// <param name="index">The output's position in this result.</param>
    /// <returns>The name.</returns>
    public string GetName(int index) => _names[index];

    /// <summary>The position of the output named <paramref name="name"/>.</summary>
    /// <param name="name">The output name.</param>
    /// <returns>The index.</returns>
    /// <exception cref="KeyNotFoundException">No output has that name.</exception>
    public int IndexOf(string name)
    {
        int index = Array.IndexOf(_names, name);
        return index >= 0 ? index : throw new KeyNotFoundException($"The run has no output named '{name}'; it has: {string.Join(", ", _names)}.");
    }

    /// <summary>The element type of output <paramref name="index"/>.</summary>
    /// <param name="index">The output's position.</param>
    /// <returns>The element type.</returns>
    public OnnxElementType GetElementType(int index)
    {
        nint info = GetTypeAndShape(index);
        try
        {
            int type;
            _api.Check(_api.GetTensorElementType(info, &type));
            return (OnnxElementType)type;
        }
        finally
        {
            _api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    /// <summary>The shape of output <paramref name="index"/>.</summary>
    /// <param name="index">The output's position.</param>
    /// <returns>The dimensions.</returns>
    public long[] GetShape(int index)
    {
        nint info = GetTypeAndShape(index);
        try
        {
            nuint rank;
            _api.Check(_api.GetDimensionsCount(info, &rank));
            long[] shape = new long[(int)rank];
            fixed (long* dims = shape)
            {
                _api.Check(_api.GetDimensions(info, dims, rank));
            }

            return shape;
        }
        finally
        {
            _api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    /// <summary>The elements of output <paramref name="index"/>, in ONNX Runtime's memory.</summary>
    /// <typeparam name="T">The element type; must match the output's.</typeparam>
    /// <param name="index">The output's position.</param>
    /// <returns>The elements, valid until this result is disposed.</returns>
    /// <exception cref="InvalidOperationException">The output's element type is not <typeparamref name="T"/>.</exception>
    public ReadOnlySpan<T> GetData<T>(int index)
        where T : unmanaged
    {
        OnnxElementType expected = OnnxElementTypes.Of<T>();
        nint info = GetTypeAndShape(index);
        nuint count;
        int type;
        try
        {
            _api.Check(_api.GetTensorElementType(info, &type));
            _api.Check(_api.GetTensorShapeElementCount(info, &count));
        }
        finally
        {
            _api.ReleaseTensorTypeAndShapeInfo(info);
        }

        if ((OnnxElementType)type != expected)
        {
            throw new InvalidOperationException($"Output '{_names[index]}' holds {(OnnxElementType)type} elements, not {expected}.");
        }

        if (count == 0)
        {
            return [];
        }

        void* data;
        _api.Check(_api.GetTensorMutableData(_values[index].DangerousGetHandle(), &data));
        return new ReadOnlySpan<T>(data, checked((int)count));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (OrtValueHandle value in _values)
        {
            value.Dispose();
        }
    }

    private nint GetTypeAndShape(int index)
    {
        OrtValueHandle value = _values[index];
        ObjectDisposedException.ThrowIf(value.IsClosed, this);
        nint info;
        _api.Check(_api.GetTensorTypeAndShape(value.DangerousGetHandle(), &info));
        return info;
    }
}
