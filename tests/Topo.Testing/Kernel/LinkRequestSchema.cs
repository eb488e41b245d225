namespace Topo.Testing.Kernel;

/// <summary>
/// RTM_NEWLINK as linux/if_link.h lays it out, with IFLA_INFO_DATA read as the given kind's attributes. The numbers are
/// written here from the header, not taken from topo's own constants, so that a wrong constant of topo's shows in a diff.
/// </summary>
public static class LinkRequestSchema
{
    private const ushort NewLink = 16;
    private const int IfInfoMsgSize = 16;

    public static RequestSchema NewLinkOf(string kind) => new(NewLink, "RTM_NEWLINK", IfInfoMsgSize, Link(InfoDataOf(kind)));

    private static AttributeSet Link(AttributeSet infoData) => Set(
        (1, new("IFLA_ADDRESS")),
        (3, new("IFLA_IFNAME", AttributeShape.String)),
        (4, new("IFLA_MTU")),
        (5, new("IFLA_LINK")),
        (10, new("IFLA_MASTER")),
        (18, new("IFLA_LINKINFO", AttributeShape.Nested, Set(
            (1, new("IFLA_INFO_KIND", AttributeShape.String)),
            (2, new("IFLA_INFO_DATA", AttributeShape.Nested, infoData)),
            (4, new("IFLA_INFO_SLAVE_KIND", AttributeShape.String)),
            (5, new("IFLA_INFO_SLAVE_DATA", AttributeShape.Nested, AttributeSet.Unknown))))),
        (20, new("IFLA_IFALIAS", AttributeShape.String)),
        (27, new("IFLA_GROUP")),
        (28, new("IFLA_NET_NS_FD", AttributeShape.Local)),
        (29, new("IFLA_EXT_MASK")));

    private static AttributeSet InfoDataOf(string kind) => kind switch
    {
        "vlan" => Set(
            (1, new("IFLA_VLAN_ID")),
            (2, new("IFLA_VLAN_FLAGS")),
            (3, new("IFLA_VLAN_EGRESS_QOS", AttributeShape.Nested, AttributeSet.Unknown)),
            (4, new("IFLA_VLAN_INGRESS_QOS", AttributeShape.Nested, AttributeSet.Unknown)),
            (5, new("IFLA_VLAN_PROTOCOL"))),
        "ipvlan" => Set((1, new("IFLA_IPVLAN_MODE")), (2, new("IFLA_IPVLAN_FLAGS"))),
        "macvlan" => Set((1, new("IFLA_MACVLAN_MODE")), (2, new("IFLA_MACVLAN_FLAGS"))),
        "vxlan" => Set(
            (1, new("IFLA_VXLAN_ID")),
            (2, new("IFLA_VXLAN_GROUP")),
            (3, new("IFLA_VXLAN_LINK")),
            (4, new("IFLA_VXLAN_LOCAL")),
            (15, new("IFLA_VXLAN_PORT")),
            (16, new("IFLA_VXLAN_GROUP6")),
            (17, new("IFLA_VXLAN_LOCAL6"))),
        _ => AttributeSet.Unknown,
    };

    private static AttributeSet Set(params (ushort Type, AttributeSpec Spec)[] specs) => new(specs.ToDictionary(s => s.Type, s => s.Spec));
}
