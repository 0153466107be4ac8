using System.Runtime.InteropServices;

namespace MultiModal.Matching.Onnx.Interop;

/// <summary>A SafeHandle over an ONNX Runtime object, released through the <see cref="OrtApi"/> that created it.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(OrtApi api, nint handle)
        : base(0, ownsHandle: true)
    {
        Api = api;
        SetHandle(handle);
    }

    /// <summary>The API table that owns the object.</summary>
    protected OrtApi Api { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == 0;
}
