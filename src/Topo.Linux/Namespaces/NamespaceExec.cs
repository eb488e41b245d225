using System.Runtime.InteropServices;
using System.Text;
using Tmds.Linux;

namespace Topo.Linux.Namespaces;

/// <summary>
/// <c>topo exec</c>: what <c>ip netns exec</c> does, in-process. The calling thread enters the
/// namespace and a mount namespace of its own, where <c>/sys</c> is the node's and each file of
/// <c>/etc/netns/NODE/</c> lies over its namesake in <c>/etc</c>, and at once replaces the whole
/// process with the command (execve), so no other code ever runs on a thread whose namespaces were changed.
/// </summary>
public static unsafe class NamespaceExec
{
    /// <summary>Never returns on success; throws <see cref="KernelException"/> when the namespace or command cannot be had.</summary>
    /// <param name="etcDirectory">Where the nodes' files for <c>/etc</c> are (<c>/etc/netns</c>): <c>NODE/hosts</c> becomes <c>/etc/hosts</c>.</param>
    public static void Replace(string namespacePath, string name, IReadOnlyList<string> command, string etcDirectory)
    {
        var program = Resolve(command[0]) ?? throw new KernelException($"running '{command[0]}' in namespace '{name}'", Errors.ENOENT, "command not found on PATH");
        var fd = NativePath.Open(namespacePath, LibC.O_RDONLY | LibC.O_CLOEXEC, $"opening namespace '{name}'");
        if (LibC.setns(fd, LibC.CLONE_NEWNET) != 0) throw Errors.Last($"entering namespace '{name}'");
        NodeView.Enter(name, etcDirectory);
        var argv = Strings(command);
        var envp = Strings(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").ToList());
        fixed (byte* path = Encoding.UTF8.GetBytes(program + "\0"))
        {
            LibC.execve(path, argv, envp);
        }

        throw Errors.Last($"running '{command[0]}' in namespace '{name}'");
    }

    private static string? Resolve(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? program : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    // A NULL-terminated array of NUL-terminated strings in unmanaged memory; the process is
    // replaced right after, so it is never freed on success.
    private static byte** Strings(IReadOnlyList<string> items)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(items.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < items.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(items[i] + "\0");
            var copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
            bytes.CopyTo(new Span<byte>(copy, bytes.Length));
            array[i] = copy;
        }

        array[items.Count] = null;
        return array;
    }
}
