namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtTypeInfo.</summary>
internal sealed unsafe class OrtTypeInfoHandle : OrtHandle
{
    public OrtTypeInfoHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseTypeInfo(handle);
        return true;
    }
}
