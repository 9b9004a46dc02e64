"""Moving content in: interreg.no's WordPress articles (`wordpress`) and the
programmes' lists of projects (`projects`), run by the `import_wordpress` and
`import_projects` commands and by the admin's Import area (`views`, `tasks`)."""
