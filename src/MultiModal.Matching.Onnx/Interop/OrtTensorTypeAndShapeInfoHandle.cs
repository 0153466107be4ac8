namespace MultiModal.Matching.Onnx.Interop;

/// <summary>Owns an OrtTensorTypeAndShapeInfo.</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    public OrtTensorTypeAndShapeInfoHandle(OrtApi api, nint handle)
        : base(api, handle)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Api.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
