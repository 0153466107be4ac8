namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtMemoryInfo.</summary>
internal sealed unsafe class OrtMemoryInfoHandle : OrtHandle
{
    public OrtMemoryInfoHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseMemoryInfo(handle);
        return true;
    }
}
