using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MultiModal.Matching.Onnx.Interop;

namespace MultiModal.Matching.Onnx.Runtime;

internal sealed unsafe partial class OnnxSession
{
    private const int MaxStackTensors = 32;

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (pinned in place, not copied) and returns the requested
    /// outputs in ONNX Runtime's memory. Thread-safe.
    /// </summary>
    /// <param name="inputs">One tensor per model input, matched by name.</param>
    /// <param name="outputNames">The outputs wanted; empty for all of them, in declaration order.</param>
    /// <param name="cancellationToken">Terminates the run (ONNX Runtime checks between operators).</param>
    /// <returns>The outputs; dispose it.</returns>
    /// <exception cref="OnnxInputShapeException">An input does not fit the model's declaration.</exception>
    /// <exception cref="ArgumentException">An input or output name is unknown, or given twice.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed the run.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public OnnxRunResult Run(ReadOnlySpan<OnnxTensor> inputs, ReadOnlySpan<string> outputNames, CancellationToken cancellationToken = default)
    {
        int outputCount = outputNames.IsEmpty ? Outputs.Count : outputNames.Length;
        int[] outputIndices = new int[outputCount];
        string[] names = new string[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputIndices[i] = outputNames.IsEmpty ? i : ResolveOutput(outputNames[i]);
            names[i] = Outputs[outputIndices[i]].Name;
        }

        nint[] outputs = new nint[outputCount];
        RunCore(inputs, outputIndices, outputs, preallocated: [], cancellationToken);
        var handles = new OrtValueHandle[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            handles[i] = new OrtValueHandle(_library.Api, outputs[i]);
        }

        return new OnnxRunResult(_library.Api, names, handles);
    }

    /// <summary>
    /// Runs the model with ONNX Runtime writing each output straight into the caller's buffer (zero-copy);
    /// for outputs whose shape the caller knows in advance. Thread-safe.
    /// </summary>
    /// <param name="inputs">One tensor per model input, matched by name.</param>
    /// <param name="outputs">One buffer per wanted output, matched by name, with the exact output shape.</param>
    /// <param name="cancellationToken">Terminates the run.</param>
    /// <exception cref="OnnxInputShapeException">A tensor does not fit the model's declaration.</exception>
    /// <exception cref="ArgumentException">A name is unknown or repeated.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed the run (for example the real output shape differs).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public void RunInto(ReadOnlySpan<OnnxTensor> inputs, ReadOnlySpan<OnnxTensor> outputs, CancellationToken cancellationToken = default)
    {
        if (outputs.IsEmpty)
        {
            throw new ArgumentException("At least one output buffer is needed.", nameof(outputs));
        }

        int[] outputIndices = new int[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputIndices[i] = ResolveOutput(outputs[i].Name);
            Validate(Outputs[outputIndices[i]], outputs[i], "output");
        }

        nint[] values = new nint[outputs.Length];
        RunCore(inputs, outputIndices, values, outputs, cancellationToken);
        foreach (nint value in values)
        {
            _library.Api.ReleaseValue(value);
        }
    }

    private void RunCore(ReadOnlySpan<OnnxTensor> inputs, int[] outputIndices, nint[] outputs, ReadOnlySpan<OnnxTensor> preallocated, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int inputCount = inputs.Length;
        Span<int> inputIndices = inputCount <= MaxStackTensors ? stackalloc int[inputCount] : new int[inputCount];
        for (int i = 0; i < inputCount; i++)
        {
            OnnxTensor tensor = inputs[i] ?? throw new ArgumentException("An input tensor is null.", nameof(inputs));
            if (!_inputIndex.TryGetValue(tensor.Name, out int index))
            {
                throw new ArgumentException($"The model has no input named '{tensor.Name}'; its inputs are: {string.Join(", ", Inputs.Select(x => x.Name))}.", nameof(inputs));
            }

            if (inputIndices[..i].Contains(index))
            {
                throw new ArgumentException($"Input '{tensor.Name}' is given twice.", nameof(inputs));
            }

            inputIndices[i] = index;
            Validate(Inputs[index], tensor, "input");
        }

        int pinCount = inputCount + preallocated.Length;
        MemoryHandle[] pins = ArrayPool<MemoryHandle>.Shared.Rent(pinCount);
        nint* inputValues = stackalloc nint[Math.Min(inputCount, MaxStackTensors)];
        nint[]? inputValuesHeap = inputCount > MaxStackTensors ? new nint[inputCount] : null;
        nint* inputNamePtrs = stackalloc nint[Math.Min(inputCount, MaxStackTensors)];
        nint[]? inputNamesHeap = inputCount > MaxStackTensors ? new nint[inputCount] : null;
        int created = 0;
        int pinned = 0;
        int outputsCreated = 0;
        OrtApi api = _library.Api;
        bool addedRef = false;
        _session.DangerousAddRef(ref addedRef);
        try
        {
            fixed (nint* valuesHeap = inputValuesHeap)
            fixed (nint* namesHeap = inputNamesHeap)
            fixed (nint* outputValues = outputs)
            {
                nint* values = valuesHeap is not null ? valuesHeap : inputValues;
                nint* namePtrs = namesHeap is not null ? namesHeap : inputNamePtrs;
                for (int i = 0; i < inputCount; i++)
                {
                    pins[pinned++] = inputs[i].Pin();
                    values[i] = CreateValue(inputs[i], pins[pinned - 1]);
                    created++;
                    namePtrs[i] = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_inputNames[inputIndices[i]]));
                }

                for (int i = 0; i < preallocated.Length; i++)
                {
                    pins[pinned++] = preallocated[i].Pin();
                    outputValues[i] = CreateValue(preallocated[i], pins[pinned - 1]);
                    outputsCreated++;
                }

                nint* outputNamePtrs = stackalloc nint[outputIndices.Length];
                for (int i = 0; i < outputIndices.Length; i++)
                {
                    outputNamePtrs[i] = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_outputNames[outputIndices[i]]));
                }

                nint status = Execute(api, values, namePtrs, (nuint)inputCount, outputNamePtrs, outputValues, (nuint)outputIndices.Length, cancellationToken);
                if (status != 0)
                {
                    for (int i = 0; i < outputs.Length; i++)
                    {
                        api.ReleaseValue(outputs[i]);
                        outputs[i] = 0;
                    }

                    outputsCreated = 0;
                    (OnnxErrorCode code, string message) = OrtStatus.Read(api, status);
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new OnnxRuntimeException(code, $"ONNX Runtime error {code} while running the model: {message}");
                }

                outputsCreated = 0; // ownership passes to the caller
            }
        }
        finally
        {
            for (int i = 0; i < created; i++)
            {
                api.ReleaseValue(inputValuesHeap is not null ? inputValuesHeap[i] : inputValues[i]);
            }

            for (int i = 0; i < outputsCreated; i++)
            {
                api.ReleaseValue(outputs[i]);
                outputs[i] = 0;
            }

            for (int i = 0; i < pinned; i++)
            {
                pins[i].Dispose();
            }

            ArrayPool<MemoryHandle>.Shared.Return(pins, clearArray: true);
            if (addedRef)
            {
                _session.DangerousRelease();
            }
        }
    }

    private nint Execute(OrtApi api, nint* inputValues, nint* inputNames, nuint inputCount, nint* outputNames, nint* outputValues, nuint outputCount, CancellationToken cancellationToken)
    {
        nint session = _session.DangerousGetHandle();
        if (!cancellationToken.CanBeCanceled)
        {
            return api.Run(session, 0, inputNames, inputValues, inputCount, outputNames, outputCount, outputValues);
        }

        nint runOptions;
        api.Check(api.CreateRunOptions(&runOptions));
        using var runOptionsHandle = new OrtRunOptionsHandle(api, runOptions);
        using (CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(static state => Terminate((OrtRunOptionsHandle)state!), runOptionsHandle))
        {
            return api.Run(session, runOptions, inputNames, inputValues, inputCount, outputNames, outputCount, outputValues);
        }
    }

    private static void Terminate(OrtRunOptionsHandle runOptions)
    {
        bool added = false;
        runOptions.DangerousAddRef(ref added);
        try
        {
            runOptions.SetTerminate();
        }
        finally
        {
            if (added)
            {
                runOptions.DangerousRelease();
            }
        }
    }

    private nint CreateValue(OnnxTensor tensor, MemoryHandle pin)
    {
        OrtApi api = _library.Api;
        nint value;
        fixed (long* shape = tensor.Shape)
        {
            // A zero-length buffer still needs a non-null pointer.
            long dummy = 0;
            void* data = tensor.ByteLength == 0 ? &dummy : pin.Pointer;
            api.Check(api.CreateTensorWithDataAsOrtValue(_library.CpuMemoryInfo.DangerousGetHandle(), data, (nuint)tensor.ByteLength, shape, (nuint)tensor.Shape.Length, (int)tensor.ElementType, &value));
        }

        return value;
    }

    private int ResolveOutput(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _outputIndex.TryGetValue(name, out int index)
            ? index
            : throw new ArgumentException($"The model has no output named '{name}'; its outputs are: {string.Join(", ", Outputs.Select(x => x.Name))}.", nameof(name));
    }

    private static void Validate(OnnxTensorInfo declared, OnnxTensor tensor, string kind)
    {
        if (!declared.IsTensor)
        {
            throw new OnnxInputShapeException(declared.Name, $"Model {kind} '{declared.Name}' is not a tensor; only tensors are supported.");
        }

        if (declared.ElementType != tensor.ElementType)
        {
            throw new OnnxInputShapeException(declared.Name, $"Model {kind} '{declared.Name}' takes {declared.ElementType} elements, but {tensor.ElementType} were given.");
        }

        bool fits = declared.Shape.Length == tensor.Shape.Length;
        for (int d = 0; fits && d < declared.Shape.Length; d++)
        {
            fits = declared.Shape[d] < 0 || declared.Shape[d] == tensor.Shape[d];
        }

        if (!fits)
        {
            throw new OnnxInputShapeException(declared.Name,
                $"Model {kind} '{declared.Name}' has shape {declared.ShapeText}, but a tensor of shape [{string.Join(", ", tensor.Shape)}] was given.");
        }
    }
}
