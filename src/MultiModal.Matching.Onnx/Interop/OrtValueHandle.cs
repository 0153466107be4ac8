namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtValue (a tensor).</summary>
internal sealed unsafe class OrtValueHandle : OrtHandle
{
    public OrtValueHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseValue(handle);
        return true;
    }
}
