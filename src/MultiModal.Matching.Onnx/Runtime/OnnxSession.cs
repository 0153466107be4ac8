using System.Runtime.InteropServices;

using MultiModal.Matching.Onnx.Interop;

namespace MultiModal.Matching.Onnx.Runtime;

/// <summary>
/// A loaded ONNX model (an <c>OrtSession</c>) with its declared inputs and outputs. Runs may be issued from many
/// threads at once, as ONNX Runtime documents for <c>OrtApi::Run</c>; disposing while runs are in flight defers
/// the release until they finish.
/// </summary>
internal sealed unsafe partial class OnnxSession : IDisposable
{
    private readonly OrtLibrary _library;
    private readonly OrtSessionHandle _session;
    private readonly byte[][] _inputNames;   // UTF-8, NUL-terminated, pinned (POH)
    private readonly byte[][] _outputNames;  // UTF-8, NUL-terminated, pinned (POH)
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    private OnnxSession(OrtLibrary library, OrtSessionHandle session)
    {
        _library = library;
        _session = session;
        Inputs = ReadInfos(isInput: true);
        Outputs = ReadInfos(isInput: false);
        _inputNames = Inputs.Select(i => Utf8Pinned(i.Name)).ToArray();
        _outputNames = Outputs.Select(o => Utf8Pinned(o.Name)).ToArray();
        _inputIndex = Inputs.Select((info, i) => (info.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _outputIndex = Outputs.Select((info, i) => (info.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The model's inputs, in declaration order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in declaration order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The underlying <c>OrtSession</c> handle (for benchmarks that call the C API directly).</summary>
    internal OrtSessionHandle Handle => _session;

    /// <summary>The version of the ONNX Runtime that runs this session.</summary>
    public string RuntimeVersion => _library.Version;

    /// <summary>Loads a model file.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Runtime, threads, optimisation and provider.</param>
    /// <returns>The session.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxRuntimeNotFoundException">The native library could not be loaded.</exception>
    /// <exception cref="OnnxRuntimeVersionException">The native library is too old.</exception>
    /// <exception cref="OnnxExecutionProviderException">The requested provider is not available.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public static OnnxSession Open(string modelPath, OnnxSessionOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(options);
        string fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The ONNX model file '{fullPath}' does not exist.", fullPath);
        }

        OrtLibrary library = OrtLibrary.Get(options.NativeLibraryPath);
        using OrtSessionOptionsHandle sessionOptions = CreateSessionOptions(library, options);
        nint session;
        if (OperatingSystem.IsWindows())
        {
            fixed (char* path = fullPath)
            {
                library.Api.Check(library.Api.CreateSession(library.Env.DangerousGetHandle(), (byte*)path, sessionOptions.DangerousGetHandle(), &session));
            }
        }
        else
        {
            fixed (byte* path = Utf8Terminated(fullPath))
            {
                library.Api.Check(library.Api.CreateSession(library.Env.DangerousGetHandle(), path, sessionOptions.DangerousGetHandle(), &session));
            }
        }

        return Wrap(library, session);
    }

    /// <summary>Loads a model from its serialised bytes.</summary>
    /// <param name="model">The ONNX protobuf.</param>
    /// <param name="options">Runtime, threads, optimisation and provider.</param>
    /// <returns>The session.</returns>
    /// <exception cref="ArgumentException">The bytes are empty.</exception>
    /// <exception cref="OnnxRuntimeNotFoundException">The native library could not be loaded.</exception>
    /// <exception cref="OnnxRuntimeVersionException">The native library is too old.</exception>
    /// <exception cref="OnnxExecutionProviderException">The requested provider is not available.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public static OnnxSession Open(ReadOnlySpan<byte> model, OnnxSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (model.IsEmpty)
        {
            throw new ArgumentException("The model bytes are empty.", nameof(model));
        }

        OrtLibrary library = OrtLibrary.Get(options.NativeLibraryPath);
        using OrtSessionOptionsHandle sessionOptions = CreateSessionOptions(library, options);
        nint session;
        fixed (byte* data = model)
        {
            library.Api.Check(library.Api.CreateSessionFromArray(library.Env.DangerousGetHandle(), data, (nuint)model.Length, sessionOptions.DangerousGetHandle(), &session));
        }

        return Wrap(library, session);
    }

    /// <summary>The declared input named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The input name.</param>
    /// <returns>The input's description, or null when the model has no such input.</returns>
    public OnnxTensorInfo? FindInput(string name) => _inputIndex.TryGetValue(name, out int i) ? Inputs[i] : null;

    /// <summary>The declared output named <paramref name="name"/>, or null.</summary>
    /// <param name="name">The output name.</param>
    /// <returns>The output's description, or null when the model has no such output.</returns>
    public OnnxTensorInfo? FindOutput(string name) => _outputIndex.TryGetValue(name, out int i) ? Outputs[i] : null;

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private static OnnxSession Wrap(OrtLibrary library, nint session)
    {
        var handle = new OrtSessionHandle(library.Api, session);
        try
        {
            return new OnnxSession(library, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private OnnxTensorInfo[] ReadInfos(bool isInput)
    {
        OrtApi api = _library.Api;
        nint session = _session.DangerousGetHandle();
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count));
        var infos = new OnnxTensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            api.Check(isInput
                ? api.SessionGetInputName(session, i, _library.DefaultAllocator, &rawName)
                : api.SessionGetOutputName(session, i, _library.DefaultAllocator, &rawName));
            string name = Marshal.PtrToStringUTF8((nint)rawName) ?? string.Empty;
            api.Check(api.AllocatorFree(_library.DefaultAllocator, rawName));

            nint typeInfo;
            api.Check(isInput ? api.SessionGetInputTypeInfo(session, i, &typeInfo) : api.SessionGetOutputTypeInfo(session, i, &typeInfo));
            using var typeInfoHandle = new OrtTypeInfoHandle(api, typeInfo);
            infos[(int)i] = ReadTensorInfo(api, name, typeInfo);
        }

        return infos;
    }

    private static OnnxTensorInfo ReadTensorInfo(OrtApi api, string name, nint typeInfo)
    {
        const int OnnxTypeTensor = 1;
        int onnxType;
        api.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType));
        if (onnxType != OnnxTypeTensor)
        {
            return new OnnxTensorInfo(name, IsTensor: false, OnnxElementType.Undefined, [], []);
        }

        nint tensorInfo; // owned by typeInfo: not released here
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        int elementType;
        nuint rank;
        api.Check(api.GetTensorElementType(tensorInfo, &elementType));
        api.Check(api.GetDimensionsCount(tensorInfo, &rank));
        long[] shape = new long[(int)rank];
        string[] symbolic = new string[(int)rank];
        byte** names = stackalloc byte*[Math.Max(1, (int)rank)];
        fixed (long* dims = shape)
        {
            api.Check(api.GetDimensions(tensorInfo, dims, rank));
        }

        api.Check(api.GetSymbolicDimensions(tensorInfo, names, rank));
        for (int d = 0; d < (int)rank; d++)
        {
            symbolic[d] = names[d] is null ? string.Empty : Marshal.PtrToStringUTF8((nint)names[d]) ?? string.Empty;
        }

        return new OnnxTensorInfo(name, IsTensor: true, (OnnxElementType)elementType, shape, symbolic);
    }

    private static byte[] Utf8Terminated(string text)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(text) + 1];
        System.Text.Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static byte[] Utf8Pinned(string text)
    {
        byte[] bytes = GC.AllocateUninitializedArray<byte>(System.Text.Encoding.UTF8.GetByteCount(text) + 1, pinned: true);
        int written = System.Text.Encoding.UTF8.GetBytes(text, bytes);
        bytes[written] = 0;
        return bytes;
    }
}
