-- A data repair: there is nothing to undo.
SELECT 1;
