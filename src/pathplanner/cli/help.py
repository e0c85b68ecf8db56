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
