using System.Runtime.InteropServices;
using System.Text;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Nftables;

/// <summary>
/// One libnftables context, made on a namespace's thread and only ever used there: the context's
/// netlink socket stays in the namespace it was opened in. Output and errors are buffered in memory.
/// </summary>
internal sealed unsafe class NftContext : IDisposable
{
    private readonly NftLibrary _library;
    private readonly NamespaceThread _thread;
    private readonly IntPtr _ctx;

    public NftContext(NftLibrary library, NamespaceThread thread)
    {
        _library = library;
        _thread = thread;
        _ctx = thread.Invoke(() =>
        {
            lock (NftLibrary.Gate)
            {
                SelectCanWait(thread.Name);
                var ctx = library.CtxNew(NftLibrary.ContextDefault);
                if (ctx == IntPtr.Zero) throw new KernelException($"creating an nftables context in namespace '{thread.Name}'", 0);
                if (library.BufferOutput(ctx) != 0 || library.BufferError(ctx) != 0)
                {
                    library.CtxFree(ctx);
                    throw new KernelException($"creating an nftables context in namespace '{thread.Name}'", 0, "cannot buffer its output");
                }

                return ctx;
            }
        });
    }

    // libnftables (1.0.6) waits for the kernel's answers with select(), and glibc aborts the whole process
    // when select() is given a descriptor of FD_SETSIZE (1024) or more. The context's socket takes the
    // lowest free descriptor as it is made: when none below 1024 is free, refuse here, in words, rather
    // than let the first batch abort the process.
    private static void SelectCanWait(string ns)
    {
        var lowest = DescriptorTable.LowestFree();
        if (lowest >= SelectLimit)
            throw new KernelException($"creating an nftables context in namespace '{ns}'", 0,
                $"every descriptor below {SelectLimit} is in use (the lowest free is {lowest}), and libnftables waits on its socket with select(), which cannot take one past {SelectLimit - 1}");
    }

    private const int SelectLimit = 1024;

    /// <summary>Runs a libnftables JSON document (a batch is applied atomically) and returns the JSON it printed.</summary>
    public string RunJson(string json, string context) => Run(json, NftLibrary.OutputJson, context);

    /// <summary>
    /// Runs a command in nft's own syntax; listings carry <c># handle N</c> after each object and
    /// leave out counter values, so the same rule always shows the same text.
    /// </summary>
    public string RunText(string command, string context) => Run(command, NftLibrary.OutputHandle | NftLibrary.OutputStateless, context);

    public void Dispose() => _thread.Invoke(() =>
    {
        lock (NftLibrary.Gate) _library.CtxFree(_ctx);
    });

    private string Run(string command, uint flags, string context) => _thread.Invoke(() =>
    {
        var input = new byte[Encoding.UTF8.GetByteCount(command) + 1];
        Encoding.UTF8.GetBytes(command, input);
        lock (NftLibrary.Gate)
        {
            // On 1.0.x the JSON output flag is also what makes the library parse its input as JSON.
            _library.OutputSetFlags(_ctx, flags);
            int rc;
            fixed (byte* p = input) rc = _library.RunCmdFromBuffer(_ctx, p);
            // Reading a buffer also empties it, so both are read every time.
            var output = Marshal.PtrToStringUTF8((IntPtr)_library.GetOutputBuffer(_ctx)) ?? "";
            var error = Marshal.PtrToStringUTF8((IntPtr)_library.GetErrorBuffer(_ctx)) ?? "";
            if (rc != 0) throw new KernelException($"{context} in namespace '{_thread.Name}'", 0, Summarise(error));
            return output;
        }
    });

    // libnftables reports "internal:0:0-0: Error: No such file or directory" for JSON input and
    // the command with a caret line under it for text: only the words after "Error: " say anything.
    private static string Summarise(string error)
    {
        const string marker = "Error: ";
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var said = lines.Where(l => l.Contains(marker, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..])
            .Distinct()
            .ToList();
        return said.Count > 0 ? string.Join("; ", said) : lines.Length > 0 ? string.Join("; ", lines) : "failed";
    }
}
