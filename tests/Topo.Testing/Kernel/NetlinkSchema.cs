namespace Topo.Testing.Kernel;

/// <summary>How the comparer reads an attribute's value.</summary>
public enum AttributeShape
{
    /// <summary>Compared byte for byte.</summary>
    Bytes,

    /// <summary>Text up to its first NUL: the kernel's NLA_STRING takes it with or without one (ip sends IFLA_INFO_KIND without).</summary>
    String,

    /// <summary>Attributes inside, compared one by one.</summary>
    Nested,

    /// <summary>A number that means something only in the sending process (a file descriptor): present on both sides is the same.</summary>
    Local,
}

/// <summary>One attribute type: its name in the kernel's header and how to read it (for a nested one, what is inside).</summary>
/// <param name="Leading">
/// For a nested one: the size of a struct before the attributes inside (netem's TCA_OPTIONS starts with its
/// tc_netem_qopt), compared as a child of type <see cref="AttributeSet.LeadingStruct"/>.
/// </param>
public sealed record AttributeSpec(string Name, AttributeShape Shape = AttributeShape.Bytes, AttributeSet? Children = null, int Leading = 0);

/// <summary>The attribute types that can stand at one level of a message; a type not listed is read as bytes.</summary>
public sealed class AttributeSet(IReadOnlyDictionary<ushort, AttributeSpec> specs)
{
    public static readonly AttributeSet Unknown = new(new Dictionary<ushort, AttributeSpec>());

    /// <summary>The type a nest's leading struct is shown under (no attribute has it).</summary>
    public const ushort LeadingStruct = 0x3fff;

    public AttributeSpec Spec(ushort type) => specs.TryGetValue(type, out var spec) ? spec : new AttributeSpec("?");

    /// <summary>"IFLA_LINKINFO(18)": the name and the number, as a diff shows them.</summary>
    public string Label(ushort type) => $"{Spec(type).Name}({type})";
}

/// <summary>A request's message type, the size of its family's fixed header, and its attributes.</summary>
public sealed record RequestSchema(ushort Type, string Name, int FixedHeaderSize, AttributeSet Attributes);
