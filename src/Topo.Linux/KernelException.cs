namespace Topo.Linux;

/// <summary>
/// The one error type of the kernel layer: what we were doing, the errno, and the kernel's own
/// words (netlink extended ack) when it gave any. Message: "creating veth 'web-eth0' in namespace 'web': File exists".
/// </summary>
public sealed class KernelException : Exception
{
    public KernelException(string context, int errno, string? kernelMessage = null)
        : this(context, errno, kernelMessage, null)
    {
    }

    /// <summary>The same failure told again with more context (the plan step it broke), keeping the original as the cause.</summary>
    public KernelException(string context, int errno, string? kernelMessage, Exception? inner)
        : base(Compose(context, errno, kernelMessage), inner)
    {
        Context = context;
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    /// <summary>What we were doing, naming the object: "creating veth 'web-eth0' in namespace 'web'".</summary>
    public string Context { get; }

    /// <summary>The positive errno (EEXIST = 17); 0 when the failure was not a syscall's.</summary>
    public int Errno { get; }

    /// <summary>The kernel's extended-ack text, when it sent one.</summary>
    public string? KernelMessage { get; }

    private static string Compose(string context, int errno, string? kernelMessage)
    {
        var text = kernelMessage is { Length: > 0 } ? kernelMessage : errno == 0 ? "failed" : Errors.Describe(errno);
        return $"{context}: {text}";
    }
}
