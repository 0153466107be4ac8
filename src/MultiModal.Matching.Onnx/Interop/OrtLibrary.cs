using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Onnx.Interop;

/// <summary>
/// One loaded ONNX Runtime native library: its API table, its version, the process-wide <c>OrtEnv</c>, the CPU
/// memory info and the default allocator. Loaded once per distinct source and kept for the process's lifetime
/// (ONNX Runtime expects one environment per process). Thread-safe.
/// </summary>
internal sealed unsafe class OrtLibrary
{
    /// <summary>The C API version requested from <c>OrtApiBase::GetApi</c>: the lowest that holds every slot used (CUDA_V2 arrived in 11).</summary>
    internal const uint BoundApiVersion = 11;

    /// <summary>The ONNX Runtime release that introduced <see cref="BoundApiVersion"/>.</summary>
    internal static readonly Version MinimumRuntimeVersion = new(1, 11, 0);

    private const string ProbeName = "onnxruntime";
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, OrtLibrary> s_loaded = new(StringComparer.Ordinal);

    private readonly Lazy<OrtEnvHandle> _env;
    private readonly Lazy<OrtMemoryInfoHandle> _cpuMemoryInfo;
    private readonly Lazy<nint> _allocator;

    private OrtLibrary(OrtApi api, string version, string source)
    {
        Api = api;
        Version = version;
        Source = source;
        _env = new Lazy<OrtEnvHandle>(CreateEnv, LazyThreadSafetyMode.ExecutionAndPublication);
        _cpuMemoryInfo = new Lazy<OrtMemoryInfoHandle>(CreateCpuMemoryInfo, LazyThreadSafetyMode.ExecutionAndPublication);
        _allocator = new Lazy<nint>(GetDefaultAllocator, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The API table.</summary>
    public OrtApi Api { get; }

    /// <summary>The runtime's version string, e.g. "1.30.0".</summary>
    public string Version { get; }

    /// <summary>Where the library was loaded from (a path, or "probing: onnxruntime").</summary>
    public string Source { get; }

    /// <summary>The process-wide environment.</summary>
    public OrtEnvHandle Env => _env.Value;

    /// <summary>CPU memory info for tensors over caller-owned buffers.</summary>
    public OrtMemoryInfoHandle CpuMemoryInfo => _cpuMemoryInfo.Value;

    /// <summary>ONNX Runtime's default CPU allocator (owned by the runtime; never freed).</summary>
    public nint DefaultAllocator => _allocator.Value;

    /// <summary>
    /// Loads (or returns the already loaded) library: <paramref name="explicitPath"/> when given, else the
    /// <see cref="OnnxSessionOptions.NativeLibraryPathVariable"/> environment variable, else native probing.
    /// </summary>
    /// <param name="explicitPath">The path option, or null.</param>
    /// <returns>The library.</returns>
    /// <exception cref="OnnxRuntimeNotFoundException">Nothing loadable was found, or it is not ONNX Runtime.</exception>
    /// <exception cref="OnnxRuntimeVersionException">The runtime is older than <see cref="MinimumRuntimeVersion"/>.</exception>
    public static OrtLibrary Get(string? explicitPath)
    {
        string? path = explicitPath;
        string origin = "the NativeLibraryPath option";
        if (path is null)
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(OnnxSessionOptions.NativeLibraryPathVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                path = fromEnvironment;
                origin = $"the {OnnxSessionOptions.NativeLibraryPathVariable} environment variable";
            }
        }

        string key = path is null ? "probing: " + ProbeName : Path.GetFullPath(path);
        lock (s_gate)
        {
            if (s_loaded.TryGetValue(key, out OrtLibrary? loaded))
            {
                return loaded;
            }

            nint handle = path is null ? Probe() : LoadFromPath(path, origin);
            OrtLibrary library;
            try
            {
                library = Bind(handle, key);
            }
            catch
            {
                NativeLibrary.Free(handle);
                throw;
            }

            s_loaded.Add(key, library);
            return library;
        }
    }

    /// <summary>Throws <see cref="OnnxRuntimeVersionException"/> unless <paramref name="version"/> is at least <see cref="MinimumRuntimeVersion"/>.</summary>
    /// <param name="version">A version string as <c>GetVersionString</c> returns it, e.g. "1.30.0".</param>
    /// <exception cref="OnnxRuntimeVersionException">The version is older or cannot be read.</exception>
    internal static void CheckVersion(string version)
    {
        string numeric = version.Split('-', '+')[0];
        if (!System.Version.TryParse(numeric, out Version? parsed))
        {
            throw new OnnxRuntimeVersionException(version, MinimumRuntimeVersion,
                $"The loaded ONNX Runtime reports version '{version}', which cannot be read as a version; at least {MinimumRuntimeVersion} is needed.");
        }

        if (parsed < MinimumRuntimeVersion)
        {
            throw new OnnxRuntimeVersionException(version, MinimumRuntimeVersion,
                $"The loaded ONNX Runtime is version {version}; MultiModal.Matching.Onnx binds C API version {BoundApiVersion} and needs ONNX Runtime {MinimumRuntimeVersion} or later.");
        }
    }

    private static nint LoadFromPath(string path, string origin)
    {
        if (!File.Exists(path))
        {
            throw new OnnxRuntimeNotFoundException(
                $"The ONNX Runtime native library was not found at '{path}' (from {origin}). Point it at libonnxruntime.so / onnxruntime.dll, or leave it unset to probe for '{ProbeName}'.");
        }

        try
        {
            return NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeNotFoundException($"The ONNX Runtime native library at '{path}' (from {origin}) could not be loaded: {e.Message}", e);
        }
    }

    private static nint Probe()
    {
        Assembly assembly = typeof(OrtLibrary).Assembly;
        if (NativeLibrary.TryLoad(ProbeName, assembly, searchPath: null, out nint handle)
            || NativeLibrary.TryLoad("libonnxruntime.so.1", assembly, searchPath: null, out handle))
        {
            return handle;
        }

        throw new OnnxRuntimeNotFoundException(
            $"The ONNX Runtime native library was not found: OnnxSessionOptions.NativeLibraryPath is unset, the {OnnxSessionOptions.NativeLibraryPathVariable} environment variable is unset, " +
            $"and native library probing for '{ProbeName}' found nothing. Reference the Microsoft.ML.OnnxRuntime (or .Gpu) NuGet package in the host application, " +
            "or set one of the two to the library's full path.");
    }

    private static OrtLibrary Bind(nint handle, string source)
    {
        if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out nint getApiBase))
        {
            throw new OnnxRuntimeNotFoundException($"The library loaded from {source} does not export OrtGetApiBase, so it is not ONNX Runtime.");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        nint* apiBase = ((delegate* unmanaged[Cdecl]<nint*>)getApiBase)();
        if (apiBase is null)
        {
            throw new OnnxRuntimeNotFoundException($"OrtGetApiBase returned null in the library loaded from {source}.");
        }

        var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        string version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? string.Empty;
        CheckVersion(version);

        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        nint* table = getApi(BoundApiVersion);
        if (table is null)
        {
            throw new OnnxRuntimeVersionException(version, MinimumRuntimeVersion,
                string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime {version} does not provide C API version {BoundApiVersion}."));
        }

        return new OrtLibrary(new OrtApi(table), version, source);
    }

    private OrtEnvHandle CreateEnv()
    {
        const int LoggingLevelError = 3;
        nint env;
        fixed (byte* logId = "MultiModal.Matching"u8)
        {
            Api.Check(Api.CreateEnv(LoggingLevelError, logId, &env));
        }

        return new OrtEnvHandle(Api, env);
    }

    private OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        const int OrtArenaAllocator = 1;
        const int OrtMemTypeDefault = 0;
        nint info;
        Api.Check(Api.CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &info));
        return new OrtMemoryInfoHandle(Api, info);
    }

    private nint GetDefaultAllocator()
    {
        nint allocator;
        Api.Check(Api.GetAllocatorWithDefaultOptions(&allocator));
        return allocator;
    }
}
