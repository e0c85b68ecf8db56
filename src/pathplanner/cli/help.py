"""The command line's help in Chinese: the texts of ``--help`` by command and parameter.

The commands declare their help in English (the ``--lang en`` help); :func:`translate_help`
puts the Chinese of this table on a built click command, so that ``pathplanner --help`` is
Chinese by default like every other message. A test checks that every command and
parameter has its Chinese here.
"""

from __future__ import annotations

# typer vendors click (typer._click, since 0.29): its commands are these classes
from typer._click.core import Command, Context, Parameter
from typer.core import TyperArgument, TyperGroup, TyperOption

__all__ = ["HELP_ZH", "help_key", "translate_help"]

HELP_ZH: dict[str, str] = {
    "": "规划工程建设项目审批路径：适用事项、办理方式、材料、工作日排期与报告。",
    "--lang": "提示信息的语言：zh（中文，默认）或 en（英文）。",
    "--version": "显示版本号并退出。",
    "--help": "显示本帮助并退出。",
    "--install-completion": "为当前 shell 安装命令补全。",
    "--show-completion": "显示当前 shell 的命令补全脚本，可复制后自行安装。",
    "check": "检查目录：列出每个问题的文件、行号、位置和修改建议（检查目录）。",
    "check CATALOG_DIR": (
        "目录文件夹（含 catalog/ 和 rules/）；不写时，当前文件夹含 catalog/catalog.yaml 则用"
        "当前文件夹，否则用随程序安装的默认目录。"
    ),
    "explain": "说明某个事项为什么适用或不适用：规则、条件、取值与法律依据。",
    "explain PROFILE": "项目文件（YAML）。",
    "explain ITEM_ID": "事项或工作的 id。",
    "explain --catalog": "目录文件夹；默认：随程序安装的目录。",
    "explain --as-of": "按该日有效的规则说明（YYYY-MM-DD）；默认：项目文件的 as_of，否则今天。",
    "explain --engine": "规则引擎（默认：程序的默认引擎）。",
    "explain --format": "输出格式：text（文字）或 json。",
    "plan": "为项目做审批计划：一次性告知清单、材料计划与排期（一次性告知与审批计划）。",
    "plan PROFILE": "项目文件（YAML）。",
    "plan --catalog": "目录文件夹；默认：随程序安装的目录。",
    "plan --start": "计划开始日期（YYYY-MM-DD）。",
    "plan --as-of": "按该日有效的规则和时限计划（YYYY-MM-DD）。",
    "plan --actuals": "实际办理进度文件（YAML），据此重新计划。",
    "plan --pin": (
        "在规则允许选择时固定办理模式：事项=模式（可重复）。规则强制的模式不能改掉，"
        "提示会指出是哪条规则。"
    ),
    "plan --statutory": "按法定时限（而非承诺时限）计划。",
    "plan --engine": "规则引擎（默认：程序的默认引擎）。",
    "plan --format": "输出格式。",
    "plan --output": "写入该文件而不是标准输出（报告完整生成后才替换原文件）。",
    "plan --lang": "报告语言（默认：全局 --lang）。",
    "plan --quiet": "只显示摘要，不逐条显示警告。",
    "test": "运行 CATALOG_DIR/rules/tests/*.yaml 中的场景测试（场景测试）。",
    "test CATALOG_DIR": (
        "目录文件夹（含 catalog/ 和 rules/）；不写时，当前文件夹含 catalog/catalog.yaml 则用"
        "当前文件夹，否则用随程序安装的默认目录。"
    ),
    "test --reset": "按当前目录的计划结果改写预期结果。",
    "diff": "比较两个目录版本有什么不同，以及对每个项目的影响（目录差异）。",
    "diff OLD_DIR": "修改前的目录文件夹。",
    "diff NEW_DIR": "修改后的目录文件夹。",
    "diff PROFILES": "要比较的项目文件（默认：NEW_DIR/examples/*.yaml）。",
    "diff --format": "text（给人看）或 json（给程序读）。",
    "diff --start": "所有项目的计划开始日期（YYYY-MM-DD）。",
    "diff --as-of": "所有项目的依据日期（YYYY-MM-DD）。",
    "schema": "显示 JSON Schema（项目文件、计划、实际进度）。",
    "schema actuals": "显示实际办理进度文件的 JSON Schema（实际办理进度）。",
    "schema plan": "显示计划 JSON 的 Schema（见 docs/plan-format.md）。",
    "schema profile": "显示项目文件的 JSON Schema：名称、日期和项目信息（项目信息表单）。",
    "schema profile --catalog": "目录文件夹；默认：随程序安装的目录。",
    "analyze": "为一次批量计划的结果生成分析报告：图表与数据表（组合分析报告）。",
    "analyze --catalog": "用于显示名称的目录文件夹；默认：随程序安装的目录。",
    "analyze --lang": "报告语言（默认：全局 --lang）。",
    "analyze --output": "报告文件夹：report.html 及其 CSV 数据表。",
    "analyze BATCH_OUTPUT": "批量计划的输出文件夹（pathplanner batch -o 的位置）。",
    "batch": "把项目组合中的每个项目做成计划，写成 Parquet 表（批量计划）。",
    "batch --as-of": "未写明日期的项目按该日有效的规则计划（YYYY-MM-DD）。",
    "batch --catalog": "目录文件夹；默认：随程序安装的目录。",
    "batch --output": "Parquet 表的输出文件夹；其中已有的项目跳过（可续跑）。",
    "batch --start": "未写明开始日期的项目的计划开始日期（YYYY-MM-DD）。",
    "batch --workers": "工作进程数（默认：每个 CPU 一个）。",
    "batch PORTFOLIO": (
        "项目组合：项目文件所在的文件夹、.jsonl 文件或 .csv/.parquet 表格（见 docs/portfolio.md）。"
    ),
    "db": "案件数据库：迁移与个人信息保留期限。",
    "db erase-contacts": (
        "删除归档超过保留期限的案件中投资主体的联系人和电话（案件事实和事件记录"
        "保留），并列出被处理的案件编号。"
    ),
    "db erase-contacts --retention-days": (
        "归档案件保留联系方式的天数（默认取环境变量 PATHPLANNER_CONT"
        "ACT_RETENTION_DAYS，否则 365）。"
    ),
    "db erase-contacts --url": "数据库地址：sqlite:///文件.db 或 postgresql://用户@主机/库名。",
    "db upgrade": "创建案件数据库或升级到最新结构（Alembic 迁移）。",
    "db upgrade --url": "数据库地址：sqlite:///文件.db 或 postgresql://用户@主机/库名。",
    "generate-portfolio": "生成合成项目组合：一个县一年的项目（合成项目组合）。",
    "generate-portfolio --output": ".jsonl、.csv 或 .parquet 文件，或存放项目文件的文件夹。",
    "generate-portfolio --seed": "随机种子：种子相同，生成的项目也相同。",
    "generate-portfolio --year": "项目开始的年份。",
    "generate-portfolio COUNT": "项目个数。",
    "plan --letter": (
        "一次性告知书抬头文件（YAML）：告知单位、代办员、投资主体、代办协议编号、"
        "日期（用于 docx、pdf）。见 pathplanner schema l"
        "etter。"
    ),
    "schema letter": "显示一次性告知书抬头文件的 JSON Schema（告知单位、代办员、投资主体）。",
    "serve": "启动供门户调用的 HTTP 接口（POST /plans、/explain，GET /catalog 等），直到停止。",
    "serve --catalog": "目录文件夹；默认：随程序安装的目录。",
    "serve --host": "监听地址（127.0.0.1：仅本机可访问）。",
    "serve --port": "监听端口。",
    "users": "代办单位、用户与访问令牌。",
    "users add": "新增用户并显示其第一个访问令牌（只显示这一次，请妥善保存）。",
    "users add --days": "令牌有效天数。",
    "users add --name": "姓名。",
    "users add --role": (
        "角色：agent（代办员）、unit_head（单位负责人）、supervisor（审批局）或 admin（管理员）。"
    ),
    "users add --unit": "代办员或单位负责人所属单位的标识。",
    "users add --url": "数据库地址：sqlite:///文件.db 或 postgresql://用户@主机/库名。",
    "users add USER_ID": "用户的短标识。",
    "users add-unit": "新增代办单位（镇街、功能区、主要功能区或审批局）。",
    "users add-unit --kind": "单位类别。",
    "users add-unit --name": "单位名称。",
    "users add-unit --url": "数据库地址：sqlite:///文件.db 或 postgresql://用户@主机/库名。",
    "users add-unit UNIT_ID": "单位的短标识，例如 town-huilong。",
    "users revoke": "吊销该用户所有有效的令牌，并显示吊销的个数。",
    "users revoke --url": "数据库地址：sqlite:///文件.db 或 postgresql://用户@主机/库名。",
    "users revoke USER_ID": "用户的标识。",
    "users token": "为用户另发一个访问令牌（只显示这一次）。",
    "users token --days": "令牌有效天数。",
    "users token --url": "数据库地址：sqlite:///文件.db 或 postgresql://用户@主机/库名。",
    "users token USER_ID": "用户的标识。",
}
"""Chinese help by key (:func:`help_key`): the command path below ``pathplanner``, then the
option's longest flag or the argument's metavar."""


def help_key(path: tuple[str, ...], param: Parameter | None = None) -> str:
    """The key of a command (``plan``) or of one of its parameters (``plan --start``,
    ``plan PROFILE``) in :data:`HELP_ZH`."""
    parts = list(path)
    if param is not None:
        if isinstance(param, TyperOption):
            parts.append(max(param.opts, key=len))
        else:
            parts.append(param.metavar or (param.name or "").upper())
    return " ".join(parts)


def _translate(command: Command, path: tuple[str, ...]) -> None:
    key = help_key(path)
    if key in HELP_ZH:
        command.help = HELP_ZH[key]
        command.short_help = HELP_ZH[key].split("：")[0].rstrip("。")
    for param in command.params:
        param_key = help_key(path, param)
        if param_key in HELP_ZH or isinstance(param, TyperOption):
            text = HELP_ZH.get(param_key) or HELP_ZH.get(help_key((), param))
            if text is not None and isinstance(param, TyperOption | TyperArgument):
                param.help = text
    original = command.get_help_option

    def get_help_option(ctx: Context) -> TyperOption | None:
        option = original(ctx)
        if option is not None:
            option.help = HELP_ZH["--help"]
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            _translate(sub, (*path, name))


def translate_help(command: Command) -> None:
    """Put the Chinese help of :data:`HELP_ZH` on ``command`` and its subcommands (a
    parameter without its own entry takes the root's, as ``--help`` does)."""
    _translate(command, ())
