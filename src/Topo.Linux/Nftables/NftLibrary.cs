using System.Runtime.InteropServices;

namespace Topo.Linux.Nftables;

/// <summary>
/// libnftables, loaded at run time rather than linked, so that a machine without it gets a
/// sentence naming the package to install instead of a DllNotFoundException on first use.
/// Entry points are taken as function pointers: no marshalling stubs, nothing for the trimmer to miss.
/// </summary>
internal sealed unsafe class NftLibrary : IDisposable
{
    public const string DefaultFile = "libnftables.so.1";

    // libnftables.h: NFT_CTX_DEFAULT and the output flags we use.
    public const uint ContextDefault = 0;
    public const uint OutputStateless = 1 << 2;
    public const uint OutputHandle = 1 << 3;
    public const uint OutputJson = 1 << 4;

    private readonly IntPtr _handle;

    private NftLibrary(IntPtr handle)
    {
        _handle = handle;
        CtxNew = (delegate* unmanaged<uint, IntPtr>)Export("nft_ctx_new");
        CtxFree = (delegate* unmanaged<IntPtr, void>)Export("nft_ctx_free");
        OutputSetFlags = (delegate* unmanaged<IntPtr, uint, void>)Export("nft_ctx_output_set_flags");
        BufferOutput = (delegate* unmanaged<IntPtr, int>)Export("nft_ctx_buffer_output");
        BufferError = (delegate* unmanaged<IntPtr, int>)Export("nft_ctx_buffer_error");
        GetOutputBuffer = (delegate* unmanaged<IntPtr, byte*>)Export("nft_ctx_get_output_buffer");
        GetErrorBuffer = (delegate* unmanaged<IntPtr, byte*>)Export("nft_ctx_get_error_buffer");
        RunCmdFromBuffer = (delegate* unmanaged<IntPtr, byte*, int>)Export("nft_run_cmd_from_buffer");
    }

    public delegate* unmanaged<uint, IntPtr> CtxNew { get; }
    public delegate* unmanaged<IntPtr, void> CtxFree { get; }
    public delegate* unmanaged<IntPtr, uint, void> OutputSetFlags { get; }
    public delegate* unmanaged<IntPtr, int> BufferOutput { get; }
    public delegate* unmanaged<IntPtr, int> BufferError { get; }
    public delegate* unmanaged<IntPtr, byte*> GetOutputBuffer { get; }
    public delegate* unmanaged<IntPtr, byte*> GetErrorBuffer { get; }
    public delegate* unmanaged<IntPtr, byte*, int> RunCmdFromBuffer { get; }

    /// <summary>
    /// libnftables' first nft_ctx_new initialises process-wide state (gmp, xtables) without a
    /// guard, so every call into the library, from whichever namespace thread, takes this one lock.
    /// It is a gate, not state: nothing is ever stored through it.
    /// </summary>
    public static object Gate { get; } = new();

    public static NftLibrary Load(string file)
    {
        if (!NativeLibrary.TryLoad(file, out var handle))
            throw new KernelException($"{file} not found", 0, "install the Debian package libnftables1");
        try
        {
            return new NftLibrary(handle);
        }
        catch
        {
            NativeLibrary.Free(handle);
            throw;
        }
    }

    public void Dispose() => NativeLibrary.Free(_handle);

    private IntPtr Export(string name) =>
        NativeLibrary.TryGetExport(_handle, name, out var address)
            ? address
            : throw new KernelException($"libnftables has no {name}", 0, "install a newer libnftables1 (1.0 or later)");
}
