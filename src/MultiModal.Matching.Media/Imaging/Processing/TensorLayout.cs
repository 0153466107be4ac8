namespace MultiModal.Matching.Media.Imaging.Processing;

/// <summary>The memory order of an image tensor.</summary>
public enum TensorLayout
{
    /// <summary>Channels first: [C, H, W] (PyTorch, ONNX vision models). A batch is [N, C, H, W].</summary>
    Nchw = 0,

    /// <summary>Channels last: [H, W, C] (TensorFlow). A batch is [N, H, W, C].</summary>
    Nhwc = 1,
}
