using System.Text;
using Tmds.Linux;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Sysctl;

/// <summary>
/// <c>net.*</c> sysctls of one network namespace. /proc/sys/net is resolved against the namespace
/// of the thread that opens the file, so every file is opened on the namespace's own thread.
/// </summary>
public sealed class Sysctls(NamespaceThread thread)
{
    // Sysctl values are short; the longest net ones (tcp_rmem, ip_local_port_range) fit many times over.
    private const int MaxValue = 4096;

    /// <summary>The value, without the kernel's trailing newline (tab-separated fields as the kernel writes them).</summary>
    public string Read(string key)
    {
        var context = $"reading sysctl {key} in namespace '{thread.Name}'";
        var path = Checked(key, context);
        return thread.Invoke(() => ReadFile(path, context));
    }

    public void Write(string key, string value)
    {
        var context = $"writing sysctl {key} in namespace '{thread.Name}'";
        var path = Checked(key, context);
        thread.Invoke(() => WriteFile(path, value, context));
    }

    private static string Checked(string key, string context) =>
        SysctlKey.PathOf(key) ?? throw new KernelException(context, Errors.EINVAL,
            "not a network sysctl key (net. followed by dot-separated segments of a-z, 0-9, _ and -)");

    private static unsafe string ReadFile(string path, string context)
    {
        var fd = NativePath.Open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, context);
        try
        {
            var buffer = new byte[MaxValue];
            var length = 0;
            while (length < buffer.Length)
            {
                long n;
                fixed (byte* p = buffer) n = LibC.read(fd, p + length, buffer.Length - length);
                if (n < 0 && LibC.errno == Errors.EINTR) continue;
                if (n < 0) throw Errors.Last(context);
                if (n == 0) break;
                length += (int)n;
            }

            return Encoding.UTF8.GetString(buffer, 0, length).TrimEnd('\n');
        }
        finally
        {
            LibC.close(fd);
        }
    }

    private static unsafe void WriteFile(string path, string value, string context)
    {
        var fd = NativePath.Open(path, LibC.O_WRONLY | LibC.O_CLOEXEC, context);
        try
        {
            // One write: proc sysctl handlers parse each write on its own.
            var bytes = Encoding.UTF8.GetBytes(value);
            long n;
            do
            {
                fixed (byte* p = bytes) n = LibC.write(fd, p, bytes.Length);
            } while (n < 0 && LibC.errno == Errors.EINTR);

            if (n < 0) throw Errors.Last(context);
            if (n != bytes.Length) throw new KernelException(context, 0, $"the kernel took {n} of {bytes.Length} bytes");
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
